using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>
/// A ticket whose resident left the queue: its link still shows what was handed in, and creates nothing more, as a
/// cancelled appointment's. It kept handing documents in to the department for a consultation that was never to be (probe 6).
/// </summary>
public sealed class QueueTicketLeftConsumer(ServiceDbContext db, TimeProvider clock) : LinkConsumer<QueueTicketLeft>(db)
{
    protected override async Task Handle(QueueTicketLeft message, ConsumeContext<QueueTicketLeft> context)
    {
        var link = await RoomAsync(message.TicketId, context);
        link.ClosedAt ??= message.LeftAt;
        link.UpdatedAt = clock.GetUtcNow();
    }
}
