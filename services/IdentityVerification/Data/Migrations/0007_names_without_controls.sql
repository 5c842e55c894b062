-- The booked name an open check compares with the document, stored before every field refused direction controls and
-- other characters a one-line value may not hold: cleaned as the fields would take it now (defaults' clean_one_line),
-- each change kept in text_cleanups.
SELECT clean_one_line_column('verifications', 'citizen_name', 'id', 'identity/0007_names_without_controls');
