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
        // Thrown, the message is retried: it may have overtaken the AppointmentBooked that creates the room.
        var room = await Db.Rooms.FirstOrDefaultAsync(r => r.AppointmentId == message.AppointmentId, context.CancellationToken)
            ?? throw new InvalidOperationException($"No room yet for appointment {message.AppointmentId}.");
        room.TokenHash = message.JoinTokenHash;
        room.ExpiresAt = message.JoinTokenExpiresAt;
    }
}
