using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Npgsql;

namespace Municipal.Booking.Appointments;

/// <summary>
/// Saves a new or moved appointment on the first clerk with the skill whose time is free. Whether it is
/// free is decided by the database: the exclusion constraint <c>appointments_staff_no_overlap</c> rejects
/// an overlapping booking for the same clerk even when requests race, so there is no check-then-insert.
/// </summary>
public sealed class AppointmentBooker(BookingDb db, BookingGate gate)
{
    private const string ExclusionViolation = "23P01";

    /// <summary>Tries each candidate clerk in turn; false when all are taken. Everything tracked is saved with it.</summary>
    /// <exception cref="BookingBusyException">The service is too busy to try within the configured time.</exception>
    public async Task<bool> SaveOnFreeClerkAsync(Appointment appointment, IReadOnlyList<Guid> candidates, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct) ?? throw new BookingBusyException();
        // Clerks already booked at that time (committed) would only fail the insert: skip them. This read decides
        // nothing; a clerk taken by a booking still in flight is caught by the constraint below.
        var (from, until, id) = (appointment.StartAt, appointment.BlockedUntil, appointment.Id);
        var taken = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && a.Id != id && candidates.Contains(a.StaffId) && a.StartAt < until && a.BlockedUntil > from)
            .Select(a => a.StaffId).ToListAsync(ct);

        // A random order spreads simultaneous bookings over the clerks instead of queueing them on the first.
        foreach (var staff in candidates.Except(taken).OrderBy(_ => Random.Shared.Next()))
        {
            appointment.StaffId = staff;
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: ExclusionViolation })
            {
                // This clerk is taken at that time; the failed transaction rolled back, the entities stay pending.
            }
        }
        return false;
    }
}

public sealed class BookingBusyException() : Exception("Too many bookings at once; try again shortly.");
