-- Who decided, by name, for the dossier's "identity verified by … at …" (the staff id alone says nothing to a reader).
ALTER TABLE verifications ADD COLUMN IF NOT EXISTS decided_by_name text;
