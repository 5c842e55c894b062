using MassTransit;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>Mails the resident that the appointment is cancelled (by the resident, or by a day the city closed, with its reason).</summary>
public sealed class AppointmentCancelledConsumer(BookingDb db, AppointmentMailSender mails) : IdempotentConsumer<BookingDb, AppointmentCancelled>(db)
{
    protected override Task Handle(AppointmentCancelled message, ConsumeContext<AppointmentCancelled> context) =>
        mails.SendAsync(message.AppointmentId, AppointmentStatus.Cancelled, context.CancellationToken, byClosure: message.Reason == AppointmentCancelled.ByClosure);
}
