using Municipal.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Booking.Slots;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Booking.Mail;

/// <summary>
/// Shared by the mail consumers: loads what a mail needs, sends it and deletes the one-time row with the
/// link tokens in the consumer's transaction. If the commit fails after sending, the redelivery finds the
/// row again and the resident gets the mail twice — never zero times.
/// </summary>
public sealed class AppointmentMailSender(BookingDb db, SlotService slots, AppointmentMails mails, MailSender sender, LinkSeal seal)
{
    /// <param name="byClosure">A cancellation because the city closed the day: the mail gives the closure's reason.</param>
    public async Task SendAsync(Guid appointmentId, string kind, CancellationToken ct, bool byClosure = false)
    {
        // The appointment and the mail's row with its links, in one round trip (a cancellation's mail has no row).
        var found = await db.Appointments.AsNoTracking()
            .Where(a => a.Id == appointmentId)
            .Select(a => new { Appointment = a, Pending = db.PendingMails.FirstOrDefault(m => m.AppointmentId == a.Id && m.Kind == kind) })
            .FirstOrDefaultAsync(ct);
        if (found is null) return;
        var (appointment, pending) = (found.Appointment, found.Pending);
        MailLinks? links = null;
        if (kind != AppointmentStatus.Cancelled)
        {
            // No row: the appointment changed since (a newer mail carries the new links) or the mail already left.
            if (pending is null || appointment.Status != AppointmentStatus.Booked) return;
            links = new MailLinks(Open(pending.JoinToken, pending), Open(pending.ManageToken, pending));
        }
        var (concern, department, zone) = await slots.ConcernOfAsync(appointment, ct);
        var closedBecause = byClosure ? await ClosureReasonAsync(appointment, zone, ct) : null;

        await sender.SendAsync(mails.Compose(kind, appointment, concern, department, zone, links, closedBecause), ct);
        // Read without tracking: removing it deletes the row by its key.
        if (pending is not null) db.PendingMails.Remove(pending);
    }

    /// <summary>The reason of the closure on the appointment's day, the department's own before the city's, in the resident's language.</summary>
    private async Task<string?> ClosureReasonAsync(Appointment appointment, TimeZoneInfo zone, CancellationToken ct)
    {
        var day = SlotCalculator.LocalDate(appointment.StartAt, zone);
        var closure = await db.Closures.AsNoTracking()
            .Where(c => c.Date == day && (c.DepartmentKey == appointment.DepartmentKey || c.DepartmentKey == null))
            .OrderBy(c => c.DepartmentKey == null).FirstOrDefaultAsync(ct);
        return closure is null ? null : Languages.CityText(appointment.Language, closure.ReasonDe, closure.ReasonEn, closure.ReasonFr, closure.ReasonIt);
    }

    /// <summary>A sealed token; one without the seal's prefix was written before tokens were sealed and is used as it is.</summary>
    private string Open(string stored, PendingMail pending) =>
        !stored.StartsWith(LinkSeal.Prefix, StringComparison.Ordinal) ? stored
        : seal.Open(stored, pending.AppointmentId, pending.Kind)
          ?? throw new InvalidOperationException($"The links of the {pending.Kind} mail for appointment {pending.AppointmentId} do not open with this key; the message stays in the error queue.");
}
