using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>A cancelled appointment closes its room; anyone still connected is told and let out.</summary>
public sealed class AppointmentCancelledConsumer(SessionDb db, RoomNotifier notifier) : IdempotentConsumer<SessionDb, AppointmentCancelled>(db)
{
    protected override async Task Handle(AppointmentCancelled message, ConsumeContext<AppointmentCancelled> context) =>
        await notifier.CancelAsync(await Db.RoomOfAppointmentAsync(message.AppointmentId, context.CancellationToken), "cancelled");
}
