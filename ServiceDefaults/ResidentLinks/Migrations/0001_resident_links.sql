-- Residents' links learnt from events (issue 15 item 8): token hash → room or dossier, department, concern, expiry;
-- the booking's e-mail address and language only where a service keeps them (identity). One table per service that
-- adds the projection (AddResidentLinks). Rows are deleted a week after the link expired (ResidentLinkCleanup).
-- Documents (0005) and identity (0006) created this table in migrations of their own before it had this one home:
-- IF NOT EXISTS leaves their databases as those made them, with the same columns and indexes.
CREATE TABLE IF NOT EXISTS resident_links (
    id uuid PRIMARY KEY,
    token_hash text NOT NULL,
    kind text NOT NULL,
    session_id uuid,
    dossier_id uuid,
    department_key text NOT NULL,
    concern_key text NOT NULL,
    email text,
    language text,
    expires_at timestamptz NOT NULL,
    closed_at timestamptz,
    sequence integer NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_resident_links_token_hash ON resident_links (token_hash);
CREATE INDEX IF NOT EXISTS ix_resident_links_expires_at ON resident_links (expires_at);
