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

    /// <summary>
    /// Tries each candidate clerk in turn, in one transaction with everything tracked. With a <paramref name="cap"/>,
    /// the address's active appointments are counted first under a lock on the address, so bookings for one
    /// address that race count one after the other and the cap holds.
    /// </summary>
    /// <exception cref="BookingBusyException">The service is too busy to try within the configured time.</exception>
    public async Task<BookingOutcome> SaveOnFreeClerkAsync(
        Appointment appointment, IReadOnlyList<Guid> candidates, CancellationToken ct, AddressCap? cap = null)
    {
        using var turn = await gate.EnterAsync(ct) ?? throw new BookingBusyException();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (cap is not null && await AddressIsFullAsync(cap, ct)) return BookingOutcome.AddressFull;

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
                await transaction.CommitAsync(ct);
                return BookingOutcome.Saved;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: ExclusionViolation })
            {
                // This clerk is taken at that time: EF rolled back to its savepoint, the entities stay pending.
            }
        }
        return BookingOutcome.SlotTaken;
    }

    private async Task<bool> AddressIsFullAsync(AddressCap cap, CancellationToken ct)
    {
        var address = cap.Email.ToLowerInvariant();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"booking-address:" + address}, 0))", ct);
        var active = await db.Appointments.CountAsync(a => a.Status == AppointmentStatus.Booked && a.EndAt > cap.Now
            && a.Email.ToLower() == address.ToLower(), ct);
        return active >= cap.MaxActive;
    }
}

/// <summary>At most <paramref name="MaxActive"/> appointments not yet over may be booked for one address.</summary>
public sealed record AddressCap(string Email, int MaxActive, DateTimeOffset Now);

public enum BookingOutcome { Saved, SlotTaken, AddressFull }

public sealed class BookingBusyException() : Exception("Too many bookings at once; try again shortly.");
