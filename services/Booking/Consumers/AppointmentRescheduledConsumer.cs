using MassTransit;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>Mails the resident the moved appointment with its new links.</summary>
public sealed class AppointmentRescheduledConsumer(BookingDb db, AppointmentMailSender mails) : IdempotentConsumer<BookingDb, AppointmentRescheduled>(db)
{
    protected override Task Handle(AppointmentRescheduled message, ConsumeContext<AppointmentRescheduled> context) =>
        mails.SendAsync(message.AppointmentId, MailKinds.Rescheduled, context.CancellationToken);
}
