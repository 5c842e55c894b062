using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.Booking.Apis;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.Booking.Jobs;

/// <summary>
/// A resident's name and address serve their appointment or ticket, not the statistics: they are cleared a while after
/// the appointment ended (<see cref="BookingOptions.RetentionDays"/>, as sessions keeps its rooms), after it was
/// cancelled (<see cref="BookingOptions.CancelledRetentionDays"/>) or after the ticket was finished
/// (<see cref="BookingOptions.TicketRetentionDays"/>), with the hashes of their links and any sealed link still waiting
/// for its mail. The row stays, without them: the statistics count appointments, tickets and no-shows from it. The
/// language stays too; alone it names nobody.
/// </summary>
public sealed class ResidentDataRetentionJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<BookingOptions> options, ILogger<ResidentDataRetentionJob> logger)
    : PollingJob(logger, time)
{
    protected override TimeSpan Interval => options.Value.RetentionPollInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var now = Clock.GetUtcNow();
        var ended = now.AddDays(-options.Value.RetentionDays);
        var cancelled = now.AddDays(-options.Value.CancelledRetentionDays);
        var finished = now.AddDays(-options.Value.TicketRetentionDays);
        // A ticket whose end booking never learnt (a consultation never ended, a queue lost) counts as finished when its link expired.
        var unfinished = finished - QueueApi.TicketLifetime;

        var appointments = db.Appointments.Where(a => a.AnonymisedAt == null
            && ((a.Status == AppointmentStatus.Cancelled && a.CancelledAt < cancelled) || (a.Status != AppointmentStatus.Cancelled && a.EndAt < ended)));
        var tickets = db.QueueTickets.Where(t => t.AnonymisedAt == null
            && (t.FinishedAt < finished || (t.FinishedAt == null && t.IssuedAt < unfinished)));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ResidentTokens.Where(t => appointments.Any(a => a.Id == t.SubjectId) || tickets.Any(q => q.Id == t.SubjectId)).ExecuteDeleteAsync(ct);
        await db.PendingMails.Where(m => appointments.Any(a => a.Id == m.AppointmentId)).ExecuteDeleteAsync(ct);
        await db.PendingTicketMails.Where(m => tickets.Any(t => t.Id == m.TicketId)).ExecuteDeleteAsync(ct);
        var appointmentCount = await appointments.ExecuteUpdateAsync(s => s
            .SetProperty(a => a.CitizenName, "")
            .SetProperty(a => a.Email, "")
            .SetProperty(a => a.AnonymisedAt, now), ct);
        var ticketCount = await tickets.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.CitizenName, "")
            .SetProperty(t => t.Email, (string?)null)
            .SetProperty(t => t.AnonymisedAt, now), ct);
        await tx.CommitAsync(ct);
        if (appointmentCount + ticketCount > 0)
            logger.LogInformation("Cleared the resident's name and address of {Appointments} appointment(s) and {Tickets} ticket(s).", appointmentCount, ticketCount);
        return appointmentCount + ticketCount;
    }
}
