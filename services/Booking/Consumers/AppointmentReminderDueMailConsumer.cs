using MassTransit;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

public sealed class AppointmentReminderDueMailConsumer(BookingDb db, AppointmentMailSender mails) : IdempotentConsumer<BookingDb, AppointmentReminderDue>(db)
{
    protected override Task Handle(AppointmentReminderDue message, ConsumeContext<AppointmentReminderDue> context) =>
        mails.SendAsync(message.AppointmentId, MailKinds.Reminder, context.CancellationToken);
}
