-- A dossier's applicant name, which the staff lists show, stored before a form's one-line fields refused direction
-- controls and other characters a one-line value may not hold (2026-12-05, 18:00 UTC): cleaned as the fields would
-- take it now (defaults' clean_one_line), each change kept in text_cleanups. The signed values (field_values) and the
-- PDF stay as they were signed: the signature's hash covers them.
SELECT clean_one_line_column('dossiers', 'applicant_name', 'id', 'forms/0006_names_without_controls');
