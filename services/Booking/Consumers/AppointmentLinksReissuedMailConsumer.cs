using MassTransit;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

public sealed class AppointmentLinksReissuedMailConsumer(BookingDb db, AppointmentMailSender mails) : IdempotentConsumer<BookingDb, AppointmentLinksReissued>(db)
{
    protected override Task Handle(AppointmentLinksReissued message, ConsumeContext<AppointmentLinksReissued> context) =>
        mails.SendAsync(message.AppointmentId, MailKinds.Resent, context.CancellationToken);
}
