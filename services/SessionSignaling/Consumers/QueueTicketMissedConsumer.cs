using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>
/// The resident did not enter within the call's time: the clerk waiting in the room is told (a room event
/// "resident.missed"), so the page stops saying the resident "is not in the room yet" and the clerk can move on.
/// </summary>
public sealed class QueueTicketMissedConsumer(SessionDb db, RoomNotifier notifier) : IdempotentConsumer<SessionDb, QueueTicketMissed>(db)
{
    protected override async Task Handle(QueueTicketMissed message, ConsumeContext<QueueTicketMissed> context)
    {
        var room = await Db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.TicketId == message.TicketId, context.CancellationToken);
        if (room is null || !room.IsOpen) return;
        await notifier.ResidentMissedAsync(room.Id, JsonSerializer.SerializeToElement(new { missedAt = message.MissedAt, name = room.CitizenName }));
    }
}
