-- Booking never asks for a birth date, so the comparison with "the booking's birth date" could only answer
-- "unknown" (issue 15): the column goes with the check.
ALTER TABLE verifications DROP COLUMN IF EXISTS booking_birth_date;
