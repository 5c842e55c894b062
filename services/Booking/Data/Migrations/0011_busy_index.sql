-- Which clerks are busy in a time range is asked on every booking (the clerks already taken at the slot) and for every
-- computation of free slots (the clerks' appointments in a window of days). Asked as separate comparisons of start_at
-- and blocked_until, only the exclusion constraint's index touched the clerks, and it could not serve them: Postgres
-- read the whole table, every appointment ever booked (issue 18, 2,818 rows for 2 found in the benchmark's data).
-- The queries now ask whether the appointment's range overlaps the one asked, which this index answers directly.
CREATE INDEX ix_appointments_busy ON appointments USING gist (tstzrange(start_at, blocked_until, '[)')) WHERE status = 'booked';
