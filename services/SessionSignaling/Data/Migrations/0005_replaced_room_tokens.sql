-- The hashes of room links a newer one replaced (an appointment moved, its links sent again): the room page says at
-- once that only the newest mail's link works, where an unknown link first waits for a room still being made. Kept
-- until the old link would have expired (RoomRetentionJob).
CREATE TABLE IF NOT EXISTS replaced_room_tokens (
    token_hash text PRIMARY KEY,
    room_id uuid NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_replaced_room_tokens_expires_at ON replaced_room_tokens (expires_at);
