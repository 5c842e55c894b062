-- Names stored before every field refused direction controls and other characters a one-line value may not hold
-- (the resident's in a room, an invited person's, the name a chat line was sent under): cleaned as the fields would
-- take them now (defaults' clean_one_line), each change kept in text_cleanups.
SELECT clean_one_line_column('rooms', 'citizen_name', 'id', 'sessions/0006_names_without_controls');
SELECT clean_one_line_column('room_invites', 'name', 'id', 'sessions/0006_names_without_controls');
SELECT clean_one_line_column('room_messages', 'sender_name', 'id', 'sessions/0006_names_without_controls');
