-- Drafts are filled field by field: each field has its own version, so two people editing different fields
-- never conflict and a stale edit of the same field is refused instead of overwriting.
CREATE TABLE drafts (
    id uuid PRIMARY KEY,
    definition_id text NOT NULL,
    definition_version integer NOT NULL,
    concern_key text NOT NULL,
    department_key text NOT NULL,
    session_id uuid NULL,
    token_hash text NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    language text NOT NULL,
    status text NOT NULL,
    signature_kind text NULL,
    signature_image text NULL,
    signature_strokes jsonb NULL,
    signature_content_sha256 text NULL,
    signature_summary text NULL,
    signed_at timestamptz NULL,
    signature_invalidated_at timestamptz NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX drafts_open_per_session ON drafts (session_id, definition_id) WHERE status = 'open' AND session_id IS NOT NULL;

CREATE TABLE draft_fields (
    draft_id uuid NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    field text NOT NULL,
    value jsonb NOT NULL,
    version integer NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (draft_id, field)
);

-- What identity verification told us about the resident of a consultation, kept only to pre-fill its forms.
CREATE TABLE resident_profiles (
    session_id uuid PRIMARY KEY,
    surname text NOT NULL,
    given_names text NOT NULL,
    birth_date date NOT NULL,
    received_at timestamptz NOT NULL
);

CREATE TABLE dossiers (
    id uuid PRIMARY KEY,
    reference text NOT NULL UNIQUE,
    definition_id text NOT NULL,
    definition_version integer NOT NULL,
    concern_key text NOT NULL,
    department_key text NOT NULL,
    session_id uuid NULL,
    draft_id uuid NOT NULL UNIQUE,
    applicant_name text NOT NULL,
    email text NOT NULL,
    language text NOT NULL,
    status text NOT NULL,
    field_values jsonb NOT NULL,
    content_sha256 text NOT NULL,
    signature_kind text NOT NULL,
    signature_image text NULL,
    signature_summary text NOT NULL,
    pdf bytea NOT NULL,
    pdf_delivered_at timestamptz NULL,
    submitted_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX dossiers_department_status ON dossiers (department_key, status, submitted_at DESC);

-- Every mail carries a fresh status link; only hashes are kept, so a leaked table hands out no access.
CREATE TABLE dossier_tokens (
    token_hash text PRIMARY KEY,
    dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);

CREATE TABLE dossier_history (
    id uuid PRIMARY KEY,
    dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    status text NOT NULL,
    note text NULL,
    staff_id uuid NULL,
    staff_name text NULL,
    at timestamptz NOT NULL
);
CREATE INDEX dossier_history_dossier ON dossier_history (dossier_id, at);
