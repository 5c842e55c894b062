-- A department's mailbox is written to in the staff's language (City:StaffLanguage, else City:DefaultLanguage): the
-- inbox keeps the department's French and Italian names beside the German and English (booking's DepartmentChanged).
-- Empty until booking next announces the department: the German name stands in.
ALTER TABLE department_inboxes ADD COLUMN name_fr text NOT NULL DEFAULT '';
ALTER TABLE department_inboxes ADD COLUMN name_it text NOT NULL DEFAULT '';
