-- Who decided, by name: the clerk who takes a consultation over after a transfer (issue 16 item 2) and the reader of
-- the dossier's "identity verified by … at …" (item 13) see who verified the identity; staff ids mean nothing to them.
ALTER TABLE verifications ADD COLUMN IF NOT EXISTS decided_by_name text;
