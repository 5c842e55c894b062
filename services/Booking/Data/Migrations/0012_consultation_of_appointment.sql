-- The resident's manage page asks whether their appointment's consultation was held (it is then neither moved nor
-- cancelled); consultations are found by their appointment.
CREATE INDEX ix_consultations_appointment ON consultations (appointment_id) WHERE appointment_id IS NOT NULL;
