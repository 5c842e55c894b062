using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.Booking.Jobs;

/// <summary>
/// Finds appointments whose reminder is due and hands each to the mail consumer through the outbox.
/// Clearing <c>reminder_due_at</c> in the same transaction makes it once only, also with several instances
/// (rows are locked with SKIP LOCKED).
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<BookingOptions> options, ILogger<ReminderJob> logger)
    : PollingJob(logger)
{
    protected override TimeSpan Interval => options.Value.ReminderPollInterval;

    protected override int BatchSize => 50;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Appointments
            .FromSql($"SELECT * FROM appointments WHERE status = 'booked' AND reminder_due_at <= {now} ORDER BY reminder_due_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        foreach (var appointment in due)
        {
            db.Publish(new AppointmentReminderDue(appointment.Id, appointment.StartAt, appointment.ReminderDueAt!.Value));
            appointment.ReminderDueAt = null;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }
}
