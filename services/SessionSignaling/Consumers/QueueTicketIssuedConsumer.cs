using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>A walk-in ticket gets its room at once: the resident waits in it, writing already if they like.</summary>
public sealed class QueueTicketIssuedConsumer(SessionDb db) : IdempotentConsumer<SessionDb, QueueTicketIssued>(db)
{
    protected override async Task Handle(QueueTicketIssued message, ConsumeContext<QueueTicketIssued> context)
    {
        if (await Db.Rooms.AnyAsync(r => r.TicketId == message.TicketId, context.CancellationToken)) return;
        Db.Rooms.Add(new Room
        {
            // The room's id is the ticket's: services that learn residents' links from booking's events
            // (documents, identity) know the room without asking.
            Id = message.TicketId,
            TicketId = message.TicketId,
            ConcernKey = message.ConcernKey,
            DepartmentKey = message.DepartmentKey,
            CitizenName = message.CitizenName,
            Email = message.Email,
            Language = message.Language,
            TokenHash = message.TicketTokenHash,
            ExpiresAt = message.ExpiresAt,
            CreatedAt = message.IssuedAt,
        });
    }
}
