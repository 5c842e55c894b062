-- Who last handed a room on: a room transferred and never taken again is ended in their name once its link expires
-- (AbandonedRoomJob), so its appointment does not stay "running" and the statistics count it.
ALTER TABLE rooms ADD COLUMN handed_on_by uuid NULL;
