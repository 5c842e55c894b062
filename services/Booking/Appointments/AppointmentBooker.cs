using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
    /// The condition that a booked appointment (with its buffer) overlaps the range between the two parameters, asked as
    /// the exclusion constraint asks it, so that the index on the range (migration 0011) answers it rather than a read of
    /// every appointment ever booked.
    /// </summary>
    public static string BusyBetween(string from, string until) =>
        $"status = 'booked' AND tstzrange(start_at, blocked_until, '[)') && tstzrange({from}, {until}, '[)')";

    /// <summary>How many of the clerks {2} are busy between {0} and {1}.</summary>
    private static readonly string TakenCount =
        $$"""SELECT count(DISTINCT staff_id) AS "Value" FROM appointments WHERE {{BusyBetween("{0}", "{1}")}} AND staff_id = ANY({2})""";

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
        var (full, taken) = await CheckAsync(appointment, candidates, cap, transaction, ct);
        if (full) return BookingOutcome.AddressFull;

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

    /// <summary>
    /// Whether every candidate clerk already holds a committed booking overlapping the time: an attempt on a slot
    /// that is gone is refused from this one read, before anything is prepared, locked or inserted. It decides no
    /// booking (a clerk taken by a booking still in flight is caught by the constraint).
    /// </summary>
    public async Task<bool> AllTakenAsync(IReadOnlyList<Guid> candidates, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        if (candidates.Count == 0) return true;
        var taken = await db.Database.SqlQueryRaw<long>(TakenCount, from, until, candidates.ToArray()).ToListAsync(ct);
        return taken[0] >= candidates.Count;
    }

    /// <summary>
    /// In one round trip: with a cap, the address's lock and its count of active appointments (counted after the lock,
    /// so bookings for one address that race count one after the other), then the clerks already booked at that time
    /// (committed), who would only fail the insert and are skipped. That read decides nothing; a clerk taken by a
    /// booking still in flight is caught by the constraint.
    /// </summary>
    private async Task<(bool Full, List<Guid> Taken)> CheckAsync(
        Appointment appointment, IReadOnlyList<Guid> candidates, AddressCap? cap, IDbContextTransaction transaction, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        if (cap is not null)
        {
            var address = cap.Email.ToLowerInvariant();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            {
                Parameters = { new() { Value = "booking-address:" + address } },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "SELECT count(*) FROM appointments WHERE status = 'booked' AND end_at > $1 AND lower(email) = lower($2)")
            {
                Parameters = { new() { Value = cap.Now }, new() { Value = address } },
            });
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT staff_id FROM appointments WHERE {BusyBetween("$1", "$2")} AND staff_id = ANY($3) AND id <> $4")
        {
            Parameters =
            {
                new() { Value = appointment.StartAt }, new() { Value = appointment.BlockedUntil },
                new() { Value = candidates.ToArray() }, new() { Value = appointment.Id },
            },
        });

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var full = false;
        if (cap is not null)
        {
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            full = reader.GetInt64(0) >= cap.MaxActive;
            await reader.NextResultAsync(ct);
        }
        var taken = new List<Guid>();
        while (await reader.ReadAsync(ct)) taken.Add(reader.GetGuid(0));
        return (full, taken);
    }
}

/// <summary>At most <paramref name="MaxActive"/> appointments not yet over may be booked for one address.</summary>
public sealed record AddressCap(string Email, int MaxActive, DateTimeOffset Now);

public enum BookingOutcome { Saved, SlotTaken, AddressFull }

public sealed class BookingBusyException() : Exception("Too many bookings at once; try again shortly.");
