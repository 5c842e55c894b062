using MassTransit;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>Mails the resident the booking confirmation with the join and manage links.</summary>
public sealed class AppointmentBookedConsumer(BookingDb db, AppointmentMailSender mails) : IdempotentConsumer<BookingDb, AppointmentBooked>(db)
{
    protected override Task Handle(AppointmentBooked message, ConsumeContext<AppointmentBooked> context) =>
        mails.SendAsync(message.AppointmentId, MailKinds.Confirmation, context.CancellationToken);
}
