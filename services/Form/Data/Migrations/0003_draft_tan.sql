-- The one-time code (TAN) requested for a draft: only a code the form service asked identity for, for this
-- draft, signs it; channel and masked recipient go into the signature's record. A draft gets a few codes only.
ALTER TABLE drafts
    ADD COLUMN tan_id uuid,
    ADD COLUMN tan_channel text,
    ADD COLUMN tan_recipient text,
    ADD COLUMN tan_requested_at timestamptz,
    ADD COLUMN tan_requests integer NOT NULL DEFAULT 0;
