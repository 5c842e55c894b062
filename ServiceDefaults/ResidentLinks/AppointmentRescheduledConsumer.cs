using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>
/// A moved appointment keeps its room, but only the fresh link booking mails opens it from now on; its concern,
/// department and expiry move with it (as sessions applies the same event to the room).
/// </summary>
public sealed class AppointmentRescheduledConsumer(ServiceDbContext db, TimeProvider clock) : LinkConsumer<AppointmentRescheduled>(db)
{
    protected override async Task Handle(AppointmentRescheduled message, ConsumeContext<AppointmentRescheduled> context)
    {
        var link = await RoomAsync(message.AppointmentId, context);
        // A retried message may arrive after a newer move: the newer one stands.
        if (message.Sequence <= link.Sequence) return;
        link.Sequence = message.Sequence;
        var now = clock.GetUtcNow();
        await link.ReplaceAsync(message.JoinTokenHash is { Length: > 0 } hash ? hash : link.TokenHash, message.JoinTokenExpiresAt, Db, now, context.CancellationToken);
        link.ConcernKey = message.ConcernKey;
        link.DepartmentKey = message.DepartmentKey;
        link.UpdatedAt = now;
    }
}
