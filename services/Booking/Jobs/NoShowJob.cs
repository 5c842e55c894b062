using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Booking.Telemetry;

namespace Municipal.Booking.Jobs;

/// <summary>
/// An appointment whose end passed without the resident entering the room is a no-show: marked once (rows locked
/// with SKIP LOCKED, so several instances count each once) and counted in <c>municipal.no_shows</c>.
/// </summary>
public sealed class NoShowJob(IServiceScopeFactory scopes, BookingMetrics metrics, TimeProvider time, IOptions<BookingOptions> options, ILogger<NoShowJob> logger)
    : AppointmentBatchJob(scopes, time, logger)
{
    protected override TimeSpan Interval => options.Value.MissedPollInterval;

    protected override int BatchSize => 100;

    protected override FormattableString Due(DateTimeOffset now) =>
        $"SELECT * FROM appointments WHERE status = 'booked' AND joined_at IS NULL AND no_show_at IS NULL AND end_at <= {now} ORDER BY end_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED";

    protected override void Handle(BookingDb db, Appointment appointment, DateTimeOffset now) => appointment.NoShowAt = now;

    protected override void Committed(IReadOnlyList<Appointment> batch)
    {
        foreach (var appointment in batch) metrics.NoShow(appointment);
    }
}
