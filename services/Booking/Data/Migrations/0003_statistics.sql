-- Figures for the supervisors' statistics, kept from the events the sessions service publishes
-- (SessionEnded, FeedbackGiven): the consultation rooms themselves are deleted on schedule.
CREATE TABLE consultations (
    session_id uuid PRIMARY KEY,
    appointment_id uuid NULL,
    ticket_id uuid NULL,
    concern_key text NOT NULL,
    department_key text NOT NULL,
    channel text NOT NULL,
    waiting_seconds integer NOT NULL,
    handling_seconds integer NOT NULL,
    ended_at timestamptz NOT NULL
);
CREATE INDEX ix_consultations_ended ON consultations (ended_at);

CREATE TABLE feedback (
    session_id uuid PRIMARY KEY,
    concern_key text NOT NULL,
    department_key text NOT NULL,
    score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
    given_at timestamptz NOT NULL
);
CREATE INDEX ix_feedback_given ON feedback (given_at);
