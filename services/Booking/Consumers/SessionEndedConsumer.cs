using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Queue;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>Recent handling times feed the queue's wait estimate; the ticket keeps its own for statistics.</summary>
public sealed class SessionEndedConsumer(BookingDb db, QueueStore queue) : IdempotentConsumer<BookingDb, SessionEnded>(db)
{
    protected override async Task Handle(SessionEnded message, ConsumeContext<SessionEnded> context)
    {
        if (message.HandlingTime > TimeSpan.Zero)
            await queue.RecordHandlingAsync(message.ConcernKey, message.HandlingTime);
        if (message.TicketId is { } ticketId
            && await Db.QueueTickets.FirstOrDefaultAsync(t => t.Id == ticketId, context.CancellationToken) is { } ticket)
        {
            ticket.FinishedAt = message.EndedAt;
            ticket.HandlingSeconds = (int)message.HandlingTime.TotalSeconds;
        }
    }
}
