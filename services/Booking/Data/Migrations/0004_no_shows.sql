-- An appointment whose time passed without the resident entering the room is a no-show. It is marked once, by
-- whichever booking instance gets there first, and counted then (municipal.no_shows). Appointments already past
-- are marked here, so the counter counts only what happens from now on.
ALTER TABLE appointments ADD COLUMN no_show_at timestamptz NULL;
UPDATE appointments SET no_show_at = end_at WHERE status = 'booked' AND joined_at IS NULL AND end_at < now();
CREATE INDEX ix_appointments_no_show_due ON appointments (end_at) WHERE status = 'booked' AND joined_at IS NULL AND no_show_at IS NULL;
