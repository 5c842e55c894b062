-- The clerk's verification record keeps only what the procedure needs afterwards (document type, issuing
-- state, keyed hash of the number, expiry, decision, clerk, time). Names and birth date read from the MRZ are
-- held in the pending_* columns only until the decision, then cleared.
CREATE TABLE verifications (
    id uuid PRIMARY KEY,
    session_id uuid NOT NULL,
    department_key text NOT NULL,
    concern_key text,
    citizen_name text,
    booking_birth_date date,
    clerk_id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    features text[] NOT NULL,
    questions text[] NOT NULL,
    confirmed_features text[] NOT NULL DEFAULT '{}',
    questions_asked text[] NOT NULL DEFAULT '{}',
    document_type text,
    issuing_state text,
    document_number_hash text,
    document_expiry date,
    mrz_valid boolean NOT NULL DEFAULT false,
    pending_surname text,
    pending_given_names text,
    pending_birth_date date,
    status text NOT NULL,
    reason text,
    decided_by uuid,
    decided_at timestamptz
);
CREATE INDEX ix_verifications_session_id ON verifications (session_id);

-- A still of the document, kept only where the concern requires it and the resident consented; deleted by the
-- retention job after Identity:StillRetentionDays.
CREATE TABLE verification_stills (
    verification_id uuid PRIMARY KEY REFERENCES verifications (id) ON DELETE CASCADE,
    content_type text NOT NULL,
    content bytea NOT NULL,
    stored_at timestamptz NOT NULL
);
CREATE INDEX ix_verification_stills_stored_at ON verification_stills (stored_at);

-- One-time signing codes: only a keyed hash of the code and of the recipient is stored.
CREATE TABLE tans (
    id uuid PRIMARY KEY,
    code_hash text NOT NULL,
    content_sha256 text NOT NULL,
    purpose text NOT NULL,
    channel text NOT NULL,
    recipient_hash text NOT NULL,
    masked_recipient text NOT NULL,
    requester text NOT NULL,
    session_id uuid,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    used_at timestamptz
);
CREATE INDEX ix_tans_recipient_hash_created_at ON tans (recipient_hash, created_at);
CREATE INDEX ix_tans_requester_created_at ON tans (requester, created_at);
