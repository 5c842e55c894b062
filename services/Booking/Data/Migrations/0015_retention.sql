-- A resident's name and address are cleared a while after their appointment or ticket (ResidentDataRetentionJob); the
-- row stays for the statistics. Cleared rows are marked, so each pass looks only at those still holding them.
ALTER TABLE appointments ADD COLUMN anonymised_at timestamptz NULL;
ALTER TABLE queue_tickets ADD COLUMN anonymised_at timestamptz NULL;
CREATE INDEX ix_appointments_not_anonymised ON appointments (end_at) WHERE anonymised_at IS NULL;
CREATE INDEX ix_queue_tickets_not_anonymised ON queue_tickets (issued_at) WHERE anonymised_at IS NULL;
