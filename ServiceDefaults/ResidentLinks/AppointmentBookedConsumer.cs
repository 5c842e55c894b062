using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>A booked appointment's join link opens its room (whose id is the appointment's).</summary>
public sealed class AppointmentBookedConsumer(ServiceDbContext db, IOptions<ResidentLinkOptions> options, TimeProvider clock) : LinkConsumer<AppointmentBooked>(db)
{
    protected override async Task Handle(AppointmentBooked message, ConsumeContext<AppointmentBooked> context)
    {
        if (await Links.AnyAsync(l => l.Id == message.AppointmentId, context.CancellationToken)) return;
        var keep = options.Value.KeepContact;
        Links.Add(new ResidentLink
        {
            Id = message.AppointmentId,
            Kind = ResidentLink.Room,
            TokenHash = message.JoinTokenHash,
            SessionId = message.AppointmentId,
            DepartmentKey = message.DepartmentKey,
            ConcernKey = message.ConcernKey,
            Email = keep ? message.Email : null,
            Language = keep ? message.Language : null,
            ExpiresAt = message.JoinTokenExpiresAt,
            UpdatedAt = clock.GetUtcNow(),
        });
    }
}
