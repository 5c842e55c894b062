-- Residents' names stored before every field refused direction controls and other characters a one-line value may
-- not hold: cleaned as the fields would take them now (defaults' clean_one_line), each change kept in text_cleanups.
SELECT clean_one_line_column('appointments', 'citizen_name', 'id', 'booking/0018_names_without_controls');
SELECT clean_one_line_column('queue_tickets', 'citizen_name', 'id', 'booking/0018_names_without_controls');
