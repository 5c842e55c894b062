-- The language a department's mailbox is written to in (de, fr, it, en): a bilingual city's French-speaking office in
-- a German city. Empty: the city's staff language (City:StaffLanguage, else City:DefaultLanguage), as before.
ALTER TABLE departments ADD COLUMN staff_language text NOT NULL DEFAULT '';
