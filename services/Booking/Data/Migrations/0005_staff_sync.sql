-- Who can take which concern follows the staff accounts the gateway administers (StaffAccountChanged): the time of
-- the newest account state applied per person, so an older event arriving late changes nothing.
CREATE TABLE staff_sync (
    staff_id uuid PRIMARY KEY,
    changed_at timestamptz NOT NULL
);
