using MassTransit;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>Mails the resident the links they asked to be sent again.</summary>
public sealed class AppointmentLinksReissuedConsumer(BookingDb db, AppointmentMailSender mails) : IdempotentConsumer<BookingDb, AppointmentLinksReissued>(db)
{
    protected override Task Handle(AppointmentLinksReissued message, ConsumeContext<AppointmentLinksReissued> context) =>
        mails.SendAsync(message.AppointmentId, MailKinds.Resent, context.CancellationToken);
}
