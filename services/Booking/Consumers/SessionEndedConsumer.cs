using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Booking.Queue;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>Recent handling times feed the queue's wait estimate; the ticket and the statistics keep the figures.</summary>
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
        if (!await Db.Consultations.AnyAsync(c => c.SessionId == message.SessionId, context.CancellationToken))
        {
            Db.Consultations.Add(new Consultation
            {
                SessionId = message.SessionId,
                AppointmentId = message.AppointmentId,
                TicketId = message.TicketId,
                ConcernKey = message.ConcernKey,
                DepartmentKey = message.DepartmentKey,
                Channel = message.Channel,
                WaitingSeconds = (int)Math.Max(0, message.WaitingTime.TotalSeconds),
                HandlingSeconds = (int)Math.Max(0, message.HandlingTime.TotalSeconds),
                EndedAt = message.EndedAt,
            });
        }
    }
}
