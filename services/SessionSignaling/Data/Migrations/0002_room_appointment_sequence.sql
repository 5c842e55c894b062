-- The appointment's sequence (booking counts its moves): a reschedule that arrives after a newer one is ignored,
-- so an older join link never replaces the link of the latest move.
ALTER TABLE rooms ADD COLUMN appointment_sequence integer NOT NULL DEFAULT 0;
