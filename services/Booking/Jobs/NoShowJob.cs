using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Telemetry;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.Booking.Jobs;

/// <summary>
/// An appointment whose end passed without the resident entering the room is a no-show: marked once (rows locked
/// with SKIP LOCKED, so several instances count each once) and counted in <c>municipal.no_shows</c>.
/// </summary>
public sealed class NoShowJob(IServiceScopeFactory scopes, BookingMetrics metrics, TimeProvider time, IOptions<BookingOptions> options, ILogger<NoShowJob> logger)
    : PollingJob(logger)
{
    protected override TimeSpan Interval => options.Value.MissedPollInterval;

    protected override int BatchSize => 100;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var missed = await db.Appointments
            .FromSql($"SELECT * FROM appointments WHERE status = 'booked' AND joined_at IS NULL AND no_show_at IS NULL AND end_at <= {now} ORDER BY end_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        foreach (var appointment in missed) appointment.NoShowAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var appointment in missed) metrics.NoShow(appointment);
        return missed.Count;
    }
}
