using MassTransit;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>A room handed to another department takes its link along: what the resident hands in next goes there.</summary>
public sealed class SessionTransferredConsumer(ServiceDbContext db, TimeProvider clock) : LinkConsumer<SessionTransferred>(db)
{
    protected override async Task Handle(SessionTransferred message, ConsumeContext<SessionTransferred> context)
    {
        if (message.ToDepartmentKey is not { Length: > 0 } department) return;
        var link = await RoomAsync(message.SessionId, context);
        link.DepartmentKey = department;
        link.UpdatedAt = clock.GetUtcNow();
    }
}
