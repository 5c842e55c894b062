-- Sign-in events in the audit log (failed sign-ins, lockouts, sign-in and sign-out): which one (event), the account's
-- user name (never a name typed that matches no account), and how many times the same event from the same address
-- on the same account is summed up in one entry (repeats; 1 for a single one).
ALTER TABLE audit_log ADD COLUMN event text;
ALTER TABLE audit_log ADD COLUMN account text;
ALTER TABLE audit_log ADD COLUMN repeats integer NOT NULL DEFAULT 1;

CREATE INDEX ix_audit_log_event ON audit_log (event) WHERE event IS NOT NULL;
