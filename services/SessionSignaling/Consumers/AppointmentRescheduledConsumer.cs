using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>A rebooked appointment keeps its room and link; the start and the link's expiry move.</summary>
public sealed class AppointmentRescheduledConsumer(SessionDb db) : IdempotentConsumer<SessionDb, AppointmentRescheduled>(db)
{
    protected override async Task Handle(AppointmentRescheduled message, ConsumeContext<AppointmentRescheduled> context)
    {
        // Thrown, the message is retried: it may have overtaken the AppointmentBooked that creates the room.
        var room = await Db.Rooms.FirstOrDefaultAsync(r => r.AppointmentId == message.AppointmentId, context.CancellationToken)
            ?? throw new InvalidOperationException($"No room yet for appointment {message.AppointmentId}.");
        room.ScheduledStart = message.Start;
        room.ExpiresAt = message.JoinTokenExpiresAt;
        room.ConcernKey = message.ConcernKey;
        room.DepartmentKey = message.DepartmentKey;
    }
}
