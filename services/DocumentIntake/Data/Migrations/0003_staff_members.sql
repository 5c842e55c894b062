-- Staff accounts as the gateway announces them (StaffAccountChanged): a document is assigned only to an active
-- member of its department.
CREATE TABLE staff_members (
    staff_id uuid PRIMARY KEY,
    roles text[] NOT NULL,
    departments text[] NOT NULL,
    active boolean NOT NULL,
    changed_at timestamptz NOT NULL
);
