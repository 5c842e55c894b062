-- Departments a room may be transferred to, learnt from StaffAccountChanged (the gateway publishes every account at
-- its start); those of rooms already held count too.
CREATE TABLE known_departments (
    key text PRIMARY KEY
);
INSERT INTO known_departments (key) SELECT DISTINCT department_key FROM rooms ON CONFLICT DO NOTHING;
