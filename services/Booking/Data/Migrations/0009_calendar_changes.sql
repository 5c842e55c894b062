-- Booking keeps the calendar (departments, concerns, hours, closures, staff skills) in memory on every replica and drops
-- its copy when told: any change to these tables, by the admin API, the staff-account consumer or a hand-made fix, tells
-- every listening replica on commit (Postgres folds a transaction's identical notifications into one).
CREATE FUNCTION notify_booking_calendar_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('booking_calendar_changed', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER departments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments
    FOR EACH STATEMENT EXECUTE FUNCTION notify_booking_calendar_changed();
CREATE TRIGGER concerns_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON concerns
    FOR EACH STATEMENT EXECUTE FUNCTION notify_booking_calendar_changed();
CREATE TRIGGER opening_hours_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON opening_hours
    FOR EACH STATEMENT EXECUTE FUNCTION notify_booking_calendar_changed();
CREATE TRIGGER closures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON closures
    FOR EACH STATEMENT EXECUTE FUNCTION notify_booking_calendar_changed();
CREATE TRIGGER staff_skills_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_skills
    FOR EACH STATEMENT EXECUTE FUNCTION notify_booking_calendar_changed();
