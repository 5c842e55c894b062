using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;

namespace Municipal.Booking.Jobs;

/// <summary>
/// Finds appointments whose reminder is due and hands each to the mail consumer through the outbox.
/// Clearing <c>reminder_due_at</c> in the same transaction makes it once only, also with several instances
/// (rows are locked with SKIP LOCKED).
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<BookingOptions> options, ILogger<ReminderJob> logger)
    : AppointmentBatchJob(scopes, time, logger)
{
    protected override TimeSpan Interval => options.Value.ReminderPollInterval;

    protected override int BatchSize => 50;

    protected override FormattableString Due(DateTimeOffset now) =>
        $"SELECT * FROM appointments WHERE status = 'booked' AND reminder_due_at <= {now} ORDER BY reminder_due_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED";

    protected override void Handle(BookingDb db, Appointment appointment, DateTimeOffset now)
    {
        db.Publish(new AppointmentReminderDue(appointment.Id, appointment.StartAt, appointment.ReminderDueAt!.Value));
        appointment.ReminderDueAt = null;
    }
}
