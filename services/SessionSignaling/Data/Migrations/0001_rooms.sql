-- One consultation room per appointment or queue ticket. Only the hash of the resident's token is kept.
CREATE TABLE rooms (
    id uuid PRIMARY KEY,
    appointment_id uuid NULL UNIQUE,
    ticket_id uuid NULL UNIQUE,
    concern_key text NOT NULL,
    department_key text NOT NULL,
    citizen_name text NOT NULL,
    email text NULL,
    language text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    scheduled_start timestamptz NULL,
    created_at timestamptz NOT NULL,
    status text NOT NULL,
    staff_id uuid NULL,
    staff_name text NULL,
    transfer_to_staff_id uuid NULL,
    first_accepted_at timestamptz NULL,
    accepted_at timestamptz NULL,
    resident_joined_at timestamptz NULL,
    ended_at timestamptz NULL,
    mode text NOT NULL DEFAULT 'write',
    channel text NOT NULL DEFAULT 'chat',
    feedback_score integer NULL,
    feedback_comment text NULL,
    feedback_at timestamptz NULL,
    CONSTRAINT ck_rooms_one_origin CHECK ((appointment_id IS NULL) <> (ticket_id IS NULL))
);
CREATE INDEX ix_rooms_department_status ON rooms (department_key, status);
CREATE INDEX ix_rooms_expires_at ON rooms (expires_at);

-- The transcript: ids give the order and let a reconnecting client ask for what it missed.
CREATE TABLE room_messages (
    id bigserial PRIMARY KEY,
    room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    sender_role text NOT NULL,
    sender_name text NOT NULL,
    text text NOT NULL,
    client_id text NULL,
    sent_at timestamptz NOT NULL
);
CREATE INDEX ix_room_messages_room ON room_messages (room_id, id);
-- A message resent after a reconnect (same client id) is stored once.
CREATE UNIQUE INDEX ux_room_messages_client ON room_messages (room_id, client_id) WHERE client_id IS NOT NULL;

-- A second clerk or an interpreter whom the clerk invited; the link carries the token, we keep the hash.
CREATE TABLE room_invites (
    id uuid PRIMARY KEY,
    room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE,
    role text NOT NULL,
    name text NOT NULL,
    expires_at timestamptz NOT NULL,
    created_by uuid NOT NULL,
    created_at timestamptz NOT NULL
);
