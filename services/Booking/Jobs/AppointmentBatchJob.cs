using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.Booking.Jobs;

/// <summary>
/// Base of the jobs that act once on each appointment that has come due (a reminder to send, a no-show to mark): a
/// batch of rows locked with SKIP LOCKED and changed in one transaction, so several instances share the work and none
/// takes an appointment twice.
/// </summary>
public abstract class AppointmentBatchJob(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : PollingJob(logger)
{
    /// <summary>The due appointments: a query on <c>appointments</c> ending in <c>LIMIT {BatchSize} FOR UPDATE SKIP LOCKED</c>.</summary>
    protected abstract FormattableString Due(DateTimeOffset now);

    /// <summary>What becomes of one due appointment, in the batch's transaction (changes and events saved with it).</summary>
    protected abstract void Handle(BookingDb db, Appointment appointment, DateTimeOffset now);

    /// <summary>What follows once the batch is committed (counting it); nothing by default.</summary>
    protected virtual void Committed(IReadOnlyList<Appointment> batch) { }

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.Appointments.FromSql(Due(now)).ToListAsync(ct);
        foreach (var appointment in batch) Handle(db, appointment, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Committed(batch);
        return batch.Count;
    }
}
