using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>
/// The resident left the queue before a clerk called them: the ticket's room will not take place. It closes as a
/// cancelled appointment's does, so that its link opens nothing more, and the form and identity services, which ask
/// whether a room is open, refuse it too; a page of the resident's still in it is let out (told "ended": for them no
/// appointment was cancelled).
/// </summary>
public sealed class QueueTicketLeftConsumer(SessionDb db, RoomNotifier notifier) : IdempotentConsumer<SessionDb, QueueTicketLeft>(db)
{
    protected override async Task Handle(QueueTicketLeft message, ConsumeContext<QueueTicketLeft> context) =>
        await notifier.CancelAsync(await Db.RoomOfTicketAsync(message.TicketId, context.CancellationToken), "ended");
}
