-- Which form a concern has is the form service's to say (its definitions are named by the concern's key): the catalogue
-- named one for every concern, also for the five that have none, and nobody read it.
ALTER TABLE concerns DROP COLUMN form_id;
