using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Booking.Queue;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>The resident reached the room: their ticket is served (not missed), their appointment attended.</summary>
public sealed class ResidentJoinedConsumer(BookingDb db, QueueStore queue) : IdempotentConsumer<BookingDb, ResidentJoined>(db)
{
    protected override async Task Handle(ResidentJoined message, ConsumeContext<ResidentJoined> context)
    {
        var ct = context.CancellationToken;
        if (message.TicketId is { } ticketId
            && await Db.QueueTickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct) is { } ticket
            && ticket.JoinedAt is null)
        {
            // A late join after "missed" still counts: the resident is in the room with the clerk.
            ticket.Status = TicketStatus.Joined;
            ticket.JoinedAt = message.JoinedAt;
            await queue.FinishAsync(ticket.Id, ticket.ConcernKey, TicketStatus.Joined);
        }
        if (message.AppointmentId is { } appointmentId
            && await Db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId, ct) is { } appointment)
        {
            appointment.JoinedAt ??= message.JoinedAt;
        }
    }
}
