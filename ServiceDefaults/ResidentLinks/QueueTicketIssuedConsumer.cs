using MassTransit;
using Microsoft.Extensions.Options;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>A walk-in ticket's link opens its room (whose id is the ticket's) at once.</summary>
public sealed class QueueTicketIssuedConsumer(ServiceDbContext db, IOptions<ResidentLinkOptions> options, TimeProvider clock) : LinkConsumer<QueueTicketIssued>(db)
{
    /// <summary>One <c>INSERT … ON CONFLICT (id) DO NOTHING</c> (<see cref="LinkConsumer{TMessage}.OpenRoomAsync"/>).</summary>
    protected override bool OneIdempotentStatement => true;

    protected override Task Handle(QueueTicketIssued message, ConsumeContext<QueueTicketIssued> context) =>
        OpenRoomAsync(message.TicketId, message.TicketTokenHash, message.DepartmentKey, message.ConcernKey, message.Email, message.Language,
            message.ExpiresAt, options.Value, clock.GetUtcNow(), context.CancellationToken);
}
