using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>A cancelled appointment closes its room; anyone still connected is told and let out.</summary>
public sealed class AppointmentCancelledConsumer(SessionDb db, RoomNotifier notifier) : IdempotentConsumer<SessionDb, AppointmentCancelled>(db)
{
    protected override async Task Handle(AppointmentCancelled message, ConsumeContext<AppointmentCancelled> context)
    {
        var room = await Db.RoomOfAppointmentAsync(message.AppointmentId, context.CancellationToken);
        if (!room.IsOpen) return;
        room.Status = RoomStatus.Cancelled;
        await notifier.CloseForAsync(room.Id, new RoomClosed("cancelled", null, null), _ => true);
    }
}
