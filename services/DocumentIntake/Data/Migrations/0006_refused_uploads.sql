-- Uploads refused after their bytes were received (and streamed through clamd): a wrong type, a damaged or mislabelled
-- file, a field refused. They count against the link's allowance and the kiosk's hourly quotas as accepted ones do,
-- each at least Documents:RefusedUploadMinimumBytes, so refusals cannot be sent for ever.
CREATE TABLE refused_uploads (
    id uuid PRIMARY KEY,
    resident_token_hash text,
    kiosk_device_id uuid REFERENCES kiosk_devices (id),
    bytes bigint NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_refused_uploads_resident_token_hash ON refused_uploads (resident_token_hash) WHERE resident_token_hash IS NOT NULL;
CREATE INDEX ix_refused_uploads_kiosk_device_id_created_at ON refused_uploads (kiosk_device_id, created_at) WHERE kiosk_device_id IS NOT NULL;
