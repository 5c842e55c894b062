-- Residents' links learnt from events (issue 15 item 8): token hash → room or dossier, department, concern, expiry.
-- Uploads resolve a link here instead of asking sessions and forms on every request.
CREATE TABLE resident_links (
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
CREATE UNIQUE INDEX ix_resident_links_token_hash ON resident_links (token_hash);
CREATE INDEX ix_resident_links_expires_at ON resident_links (expires_at);
