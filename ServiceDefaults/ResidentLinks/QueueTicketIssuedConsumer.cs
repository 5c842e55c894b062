using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>A walk-in ticket's link opens its room (whose id is the ticket's) at once.</summary>
public sealed class QueueTicketIssuedConsumer(ServiceDbContext db, IOptions<ResidentLinkOptions> options, TimeProvider clock) : LinkConsumer<QueueTicketIssued>(db)
{
    protected override async Task Handle(QueueTicketIssued message, ConsumeContext<QueueTicketIssued> context)
    {
        if (await Links.AnyAsync(l => l.Id == message.TicketId, context.CancellationToken)) return;
        var keep = options.Value.KeepContact;
        Links.Add(new ResidentLink
        {
            Id = message.TicketId,
            Kind = ResidentLink.Room,
            TokenHash = message.TicketTokenHash,
            SessionId = message.TicketId,
            DepartmentKey = message.DepartmentKey,
            ConcernKey = message.ConcernKey,
            Email = keep ? message.Email : null,
            Language = keep ? message.Language : null,
            ExpiresAt = message.ExpiresAt,
            UpdatedAt = clock.GetUtcNow(),
        });
    }
}
