using MassTransit;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

public sealed class AppointmentCancelledMailConsumer(BookingDb db, AppointmentMailSender mails) : IdempotentConsumer<BookingDb, AppointmentCancelled>(db)
{
    protected override Task Handle(AppointmentCancelled message, ConsumeContext<AppointmentCancelled> context) =>
        mails.SendAsync(message.AppointmentId, AppointmentStatus.Cancelled, context.CancellationToken);
}
