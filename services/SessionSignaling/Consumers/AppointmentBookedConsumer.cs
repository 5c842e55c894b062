using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>Every appointment gets its room, which the join link in the confirmation mail opens.</summary>
public sealed class AppointmentBookedConsumer(SessionDb db) : BookedRoomConsumer<AppointmentBooked>(db)
{
    protected override Task Handle(AppointmentBooked message, ConsumeContext<AppointmentBooked> context) =>
        OpenRoomAsync(appointmentId: message.AppointmentId, ticketId: null, message.ConcernKey, message.DepartmentKey, message.CitizenName,
            message.Email, message.Language, message.JoinTokenHash, message.JoinTokenExpiresAt, scheduledStart: message.Start, message.BookedAt,
            context.CancellationToken);
}
