using MassTransit;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>An ended consultation's link still shows what was handed in, and creates nothing more.</summary>
public sealed class SessionEndedConsumer(ServiceDbContext db, TimeProvider clock) : LinkConsumer<SessionEnded>(db)
{
    protected override async Task Handle(SessionEnded message, ConsumeContext<SessionEnded> context)
    {
        var link = await RoomAsync(message.SessionId, context);
        link.ClosedAt ??= message.EndedAt;
        link.UpdatedAt = clock.GetUtcNow();
    }
}
