-- Booking keeps each concern's free slots in memory on every replica (FreeSlotCache) and drops them when told: any
-- change to appointments (a booking, a cancellation, a move, a no-show, a hand-made fix) tells every listening replica
-- on commit. One notification a statement; Postgres folds a transaction's identical notifications into one.
CREATE FUNCTION notify_booking_appointments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('booking_appointments_changed', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER appointments_changed AFTER INSERT OR DELETE OR TRUNCATE ON appointments
    FOR EACH STATEMENT EXECUTE FUNCTION notify_booking_appointments_changed();
-- Updates that cannot change whether a clerk is free (a reminder sent, a mail's state) stay silent.
CREATE TRIGGER appointments_moved AFTER UPDATE OF status, staff_id, start_at, blocked_until ON appointments
    FOR EACH STATEMENT EXECUTE FUNCTION notify_booking_appointments_changed();
