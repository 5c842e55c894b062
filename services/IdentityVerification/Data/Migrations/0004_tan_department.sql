-- The department of the consultation a code was issued in: only staff acting for it may read its status or
-- spend its attempts (issue 13 item 8).
ALTER TABLE tans ADD COLUMN department_key text;
