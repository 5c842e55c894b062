-- Form's schema starts here; later migrations add departments, concerns, slots and appointments.
SELECT 1;
