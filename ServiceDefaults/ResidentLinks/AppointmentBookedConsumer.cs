using MassTransit;
using Microsoft.Extensions.Options;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>A booked appointment's join link opens its room (whose id is the appointment's).</summary>
public sealed class AppointmentBookedConsumer(ServiceDbContext db, IOptions<ResidentLinkOptions> options, TimeProvider clock) : LinkConsumer<AppointmentBooked>(db)
{
    /// <summary>One <c>INSERT … ON CONFLICT (id) DO NOTHING</c> (<see cref="LinkConsumer{TMessage}.OpenRoomAsync"/>).</summary>
    protected override bool OneIdempotentStatement => true;

    protected override Task Handle(AppointmentBooked message, ConsumeContext<AppointmentBooked> context) =>
        OpenRoomAsync(message.AppointmentId, message.JoinTokenHash, message.DepartmentKey, message.ConcernKey, message.Email, message.Language,
            message.JoinTokenExpiresAt, options.Value, clock.GetUtcNow(), context.CancellationToken);
}
