using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Model;
using Municipal.Booking.Slots;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Booking.Consumers;

/// <summary>
/// Shared by the mail consumers: loads what a mail needs, sends it and deletes the one-time row with the
/// link tokens in the consumer's transaction. If the commit fails after sending, the redelivery finds the
/// row again and the resident gets the mail twice — never zero times.
/// </summary>
public sealed class AppointmentMailSender(BookingDb db, SlotService slots, AppointmentMails mails, MailSender sender)
{
    public async Task SendAsync(Guid appointmentId, string kind, CancellationToken ct)
    {
        var appointment = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, ct);
        if (appointment is null) return;
        PendingMail? links = null;
        if (kind != AppointmentStatus.Cancelled)
        {
            // No row: the appointment changed since (a newer mail carries the new links) or the mail already left.
            links = await db.PendingMails.FirstOrDefaultAsync(m => m.AppointmentId == appointmentId && m.Kind == kind, ct);
            if (links is null || appointment.Status != AppointmentStatus.Booked) return;
        }
        var concern = await db.Concerns.AsNoTracking().FirstAsync(c => c.Key == appointment.ConcernKey, ct);
        var department = await db.Departments.AsNoTracking().FirstAsync(d => d.Key == appointment.DepartmentKey, ct);

        await sender.SendAsync(mails.Compose(kind, appointment, concern, department, slots.TimeZoneOf(department), links), ct);
        if (links is not null) db.PendingMails.Remove(links);
    }
}
