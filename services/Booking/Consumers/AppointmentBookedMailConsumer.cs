using MassTransit;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

public sealed class AppointmentBookedMailConsumer(BookingDb db, AppointmentMailSender mails) : IdempotentConsumer<BookingDb, AppointmentBooked>(db)
{
    protected override Task Handle(AppointmentBooked message, ConsumeContext<AppointmentBooked> context) =>
        mails.SendAsync(message.AppointmentId, MailKinds.Confirmation, context.CancellationToken);
}
