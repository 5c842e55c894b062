-- Sessions says when a clerk first takes an appointment's consultation (SessionStarted). From then until it has ended
-- (a row in consultations) it is running: the resident's manage link neither moves nor cancels it, and its links are
-- not sent again, since either would take the room away from the clerk and the resident in it.
ALTER TABLE appointments ADD COLUMN consultation_started_at timestamptz NULL;
