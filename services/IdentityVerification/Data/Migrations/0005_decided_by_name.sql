-- Who decided, by name: the clerk who takes a consultation over after a transfer sees who verified the identity
-- (issue 16 item 2); staff ids mean nothing to them.
ALTER TABLE verifications ADD COLUMN decided_by_name text;
