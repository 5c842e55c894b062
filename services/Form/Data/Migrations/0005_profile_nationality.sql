-- A verified identity's nationality (ISO 3166-1 alpha-3 from the MRZ) pre-fills a form's nationality field like the
-- names and the birth date (room probe F6); kept as long as the profile, a day at most.
ALTER TABLE resident_profiles ADD COLUMN IF NOT EXISTS nationality text;
