-- The document's nationality (ISO 3166-1 alpha-3), kept like the names and birth date only until the decision, which
-- passes it to forms for pre-filling (room probe F6: CHE was known from the MRZ, the form's nationality stayed empty).
ALTER TABLE verifications ADD COLUMN IF NOT EXISTS pending_nationality text;
