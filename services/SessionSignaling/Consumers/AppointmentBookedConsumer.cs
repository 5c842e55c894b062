using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>Every appointment gets its room, which the join link in the confirmation mail opens.</summary>
public sealed class AppointmentBookedConsumer(SessionDb db) : IdempotentConsumer<SessionDb, AppointmentBooked>(db)
{
    protected override async Task Handle(AppointmentBooked message, ConsumeContext<AppointmentBooked> context)
    {
        if (await Db.Rooms.AnyAsync(r => r.AppointmentId == message.AppointmentId, context.CancellationToken)) return;
        Db.Rooms.Add(new Room
        {
            // The room's id is the appointment's: services that learn residents' links from booking's events
            // (documents, identity) know the room without asking.
            Id = message.AppointmentId,
            AppointmentId = message.AppointmentId,
            ConcernKey = message.ConcernKey,
            DepartmentKey = message.DepartmentKey,
            CitizenName = message.CitizenName,
            Email = message.Email,
            Language = message.Language,
            TokenHash = message.JoinTokenHash,
            ExpiresAt = message.JoinTokenExpiresAt,
            ScheduledStart = message.Start,
            CreatedAt = message.BookedAt,
        });
    }
}
