using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>
/// The resident left the queue before a clerk called them: the ticket's room will not take place. It closes as a
/// cancelled appointment's does, so that its link opens nothing more, and the form and identity services, which ask
/// whether a room is open, refuse it too; a page of the resident's still in it is let out.
/// </summary>
public sealed class QueueTicketLeftConsumer(SessionDb db, RoomNotifier notifier) : IdempotentConsumer<SessionDb, QueueTicketLeft>(db)
{
    protected override async Task Handle(QueueTicketLeft message, ConsumeContext<QueueTicketLeft> context)
    {
        var room = await Db.Rooms.FirstOrDefaultAsync(r => r.TicketId == message.TicketId, context.CancellationToken);
        if (room is null || !room.IsOpen) return;
        room.Status = RoomStatus.Cancelled;
        await notifier.CloseForAsync(room.Id, new RoomClosed("ended", null, null), _ => true);
    }
}
