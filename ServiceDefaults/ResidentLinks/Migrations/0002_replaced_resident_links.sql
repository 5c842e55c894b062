-- The hashes of links a newer one replaced (an appointment moved, its links sent again): such a link is refused at
-- once as replaced, where an unknown one first gets the grace for links on their way (LinkGrace). Kept until the old
-- link would have expired, then deleted with the expired links (ResidentLinkCleanup).
CREATE TABLE IF NOT EXISTS replaced_resident_links (
    token_hash text PRIMARY KEY,
    link_id uuid NOT NULL,
    replaced_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_replaced_resident_links_expires_at ON replaced_resident_links (expires_at);
