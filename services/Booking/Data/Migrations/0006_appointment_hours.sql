-- A department's bookable appointment hours are set apart from its live-counter hours ("talk to us now"), as
-- Winterthur's tax office takes walk-ins Mon/Tue 8–12 and 13:30–17 and appointments outside them. Every range so far
-- was both: it stays the live hours and is copied as the appointment hours, so nothing changes until an admin does.
ALTER TABLE opening_hours ADD COLUMN kind text NOT NULL DEFAULT 'live' CHECK (kind IN ('live', 'appointments'));

INSERT INTO opening_hours (department_key, day_of_week, opens, closes, kind)
SELECT department_key, day_of_week, opens, closes, 'appointments' FROM opening_hours WHERE kind = 'live';

ALTER TABLE opening_hours ALTER COLUMN kind DROP DEFAULT;
DROP INDEX ix_opening_hours_department;
CREATE INDEX ix_opening_hours_department_kind ON opening_hours (department_key, kind);
