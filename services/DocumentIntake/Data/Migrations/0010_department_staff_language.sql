-- The language the department's mailbox is written to in, as booking's DepartmentChanged announces it (de, fr, it, en).
-- Empty (and until booking next announces the department): the city's staff language (CityLanguage.Staff).
ALTER TABLE department_inboxes ADD COLUMN staff_language text NOT NULL DEFAULT '';
