CREATE TABLE outbox_messages (
    id uuid PRIMARY KEY,
    message_type text NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    trace_parent text NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text NULL,
    sent_at timestamptz NULL
);
CREATE INDEX ix_outbox_messages_pending ON outbox_messages (next_attempt_at, created_at) WHERE sent_at IS NULL;

CREATE TABLE inbox_messages (
    message_id uuid NOT NULL,
    consumer text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
