using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>The links of an appointment were sent again with a fresh join token: the room opens with the new one only.</summary>
public sealed class AppointmentLinksReissuedConsumer(SessionDb db) : IdempotentConsumer<SessionDb, AppointmentLinksReissued>(db)
{
    protected override async Task Handle(AppointmentLinksReissued message, ConsumeContext<AppointmentLinksReissued> context)
    {
        var room = await Db.RoomOfAppointmentAsync(message.AppointmentId, context.CancellationToken);
        await Db.RememberReplacedAsync(room.ReplaceToken(message.JoinTokenHash, message.JoinTokenExpiresAt), context.CancellationToken);
    }
}
