using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Booking.Queue;
using Municipal.Booking.Telemetry;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.Booking.Jobs;

/// <summary>A called ticket whose resident has not entered the room within <see cref="BookingOptions.MissedAfter"/> is missed.</summary>
public sealed class MissedTicketJob(IServiceScopeFactory scopes, QueueStore queue, BookingMetrics metrics, TimeProvider time, IOptions<BookingOptions> options, ILogger<MissedTicketJob> logger)
    : PollingJob(logger)
{
    protected override TimeSpan Interval => options.Value.MissedPollInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var claimed = await queue.ClaimCalledBeforeAsync(now - options.Value.MissedAfter);
        var missed = 0;
        foreach (var id in claimed)
        {
            var live = await queue.GetAsync(id);
            if (live is null || live.Status != TicketStatus.Called) continue;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
            var ticket = await db.QueueTickets.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (ticket is null || ticket.Status != TicketStatus.Called) continue;
            ticket.Status = TicketStatus.Missed;
            ticket.FinishedAt = now;
            db.Publish(new QueueTicketMissed(ticket.Id, ticket.ConcernKey, ticket.DepartmentKey, now));
            await db.SaveChangesAsync(ct);
            metrics.Missed(ticket);
            await queue.FinishAsync(id, ticket.ConcernKey, TicketStatus.Missed);
            missed++;
        }
        return missed;
    }
}
