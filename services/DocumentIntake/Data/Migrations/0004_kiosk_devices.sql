-- The scanner kiosk is a registered device: an admin issues a one-time enrolment code, the kiosk trades it for
-- a long-lived device token. Only hashes are stored. Submissions remember their device and size for the quotas.
CREATE TABLE kiosk_devices (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    enrolment_code_hash text UNIQUE,
    enrolment_expires_at timestamptz,
    token_hash text UNIQUE,
    created_at timestamptz NOT NULL,
    created_by uuid NOT NULL,
    enrolled_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz
);

ALTER TABLE submissions ADD COLUMN kiosk_device_id uuid REFERENCES kiosk_devices (id);
ALTER TABLE submissions ADD COLUMN received_bytes bigint NOT NULL DEFAULT 0;
CREATE INDEX ix_submissions_kiosk_device_id_created_at ON submissions (kiosk_device_id, created_at) WHERE kiosk_device_id IS NOT NULL;
