using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>The appointment's links were sent again with a fresh join token: only the new one opens the room.</summary>
public sealed class AppointmentLinksReissuedConsumer(ServiceDbContext db, TimeProvider clock) : LinkConsumer<AppointmentLinksReissued>(db)
{
    protected override async Task Handle(AppointmentLinksReissued message, ConsumeContext<AppointmentLinksReissued> context)
    {
        var link = await RoomAsync(message.AppointmentId, context);
        var now = clock.GetUtcNow();
        await link.ReplaceAsync(message.JoinTokenHash, message.JoinTokenExpiresAt, Db, now, context.CancellationToken);
        link.UpdatedAt = now;
    }
}
