using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>A walk-in ticket gets its room at once: the resident waits in it, writing already if they like.</summary>
public sealed class QueueTicketIssuedConsumer(SessionDb db) : BookedRoomConsumer<QueueTicketIssued>(db)
{
    protected override Task Handle(QueueTicketIssued message, ConsumeContext<QueueTicketIssued> context) =>
        OpenRoomAsync(appointmentId: null, ticketId: message.TicketId, message.ConcernKey, message.DepartmentKey, message.CitizenName,
            message.Email, message.Language, message.TicketTokenHash, message.ExpiresAt, scheduledStart: null, message.IssuedAt,
            context.CancellationToken);
}
