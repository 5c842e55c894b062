using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>A cancelled appointment's link still shows what was handed in, and creates nothing more.</summary>
public sealed class AppointmentCancelledConsumer(ServiceDbContext db, TimeProvider clock) : LinkConsumer<AppointmentCancelled>(db)
{
    protected override async Task Handle(AppointmentCancelled message, ConsumeContext<AppointmentCancelled> context)
    {
        var link = await RoomAsync(message.AppointmentId, context);
        link.ClosedAt ??= message.CancelledAt;
        link.UpdatedAt = clock.GetUtcNow();
    }
}
