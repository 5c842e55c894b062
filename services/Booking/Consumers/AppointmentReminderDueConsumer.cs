using MassTransit;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>Mails the resident the reminder before the appointment.</summary>
public sealed class AppointmentReminderDueConsumer(BookingDb db, AppointmentMailSender mails) : IdempotentConsumer<BookingDb, AppointmentReminderDue>(db)
{
    protected override Task Handle(AppointmentReminderDue message, ConsumeContext<AppointmentReminderDue> context) =>
        mails.SendAsync(message.AppointmentId, MailKinds.Reminder, context.CancellationToken);
}
