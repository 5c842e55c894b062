using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>
/// A rebooked appointment keeps its room; the start and the link's expiry move, and the link itself changes: booking
/// mails a fresh join link with the new time, and only that one opens the room from now on (the old mail's link must
/// not open it early).
/// </summary>
public sealed class AppointmentRescheduledConsumer(SessionDb db) : IdempotentConsumer<SessionDb, AppointmentRescheduled>(db)
{
    protected override async Task Handle(AppointmentRescheduled message, ConsumeContext<AppointmentRescheduled> context)
    {
        var room = await Db.RoomOfAppointmentAsync(message.AppointmentId, context.CancellationToken);
        // The relay keeps order, but a retried message may arrive after a newer move: the newer one stands.
        if (message.Sequence <= room.AppointmentSequence) return;
        room.AppointmentSequence = message.Sequence;
        room.ScheduledStart = message.Start;
        if (message.JoinTokenHash is { Length: > 0 } hash) await Db.RememberReplacedAsync(room.ReplaceToken(hash, message.JoinTokenExpiresAt), context.CancellationToken);
        else room.ExpiresAt = message.JoinTokenExpiresAt;
        room.ConcernKey = message.ConcernKey;
        room.DepartmentKey = message.DepartmentKey;
    }
}
