using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>A clerk took an appointment's consultation: until it ends, the manage link neither moves nor cancels it.</summary>
public sealed class SessionStartedConsumer(BookingDb db) : IdempotentConsumer<BookingDb, SessionStarted>(db)
{
    protected override async Task Handle(SessionStarted message, ConsumeContext<SessionStarted> context)
    {
        if (message.AppointmentId is { } appointmentId
            && await Db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId, context.CancellationToken) is { } appointment)
        {
            appointment.ConsultationStartedAt ??= message.StartedAt;
        }
    }
}
