-- A queue ticket's link waits here, sealed, for the mail to a resident who gave an address (QueueTicketIssuedConsumer):
-- whoever closes the page can come back to their place. The consumer deletes the row once the mail left.
CREATE TABLE pending_ticket_mails (
    ticket_id uuid PRIMARY KEY REFERENCES queue_tickets (id) ON DELETE CASCADE,
    token text NOT NULL,
    created_at timestamptz NOT NULL
);

-- Whether the ticket's link was mailed (one such mail per address in ten minutes): the queue page says so only then.
ALTER TABLE queue_tickets ADD COLUMN mailed boolean NOT NULL DEFAULT false;
