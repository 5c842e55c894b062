using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Apis;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Model;
using Municipal.Booking.Slots;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>
/// Mails a resident who gave an address the link to their place in the live queue, so a closed tab does not cost it
/// (the last stop's outside walk: the ticket lived only in the page's address). Sent once, while the ticket still waits
/// or was just called; the sealed link is deleted with the mail, as <see cref="AppointmentMailSender"/> does.
/// </summary>
public sealed class QueueTicketIssuedConsumer(BookingDb db, SlotService slots, QueueTicketMails mails, MailSender sender, LinkSeal seal)
    : IdempotentConsumer<BookingDb, QueueTicketIssued>(db)
{
    protected override async Task Handle(QueueTicketIssued message, ConsumeContext<QueueTicketIssued> context)
    {
        var ct = context.CancellationToken;
        var found = await Db.QueueTickets.AsNoTracking()
            .Where(t => t.Id == message.TicketId)
            .Select(t => new { Ticket = t, Pending = Db.PendingTicketMails.FirstOrDefault(m => m.TicketId == t.Id) })
            .FirstOrDefaultAsync(ct);
        if (found?.Pending is not { } pending) return; // no address given, or the mail already left
        Db.PendingTicketMails.Remove(pending);
        var ticket = found.Ticket;
        // A resident who left the queue before the mail went needs no way back; one already in the room has the page open.
        if (ticket.Status is not (TicketStatus.Waiting or TicketStatus.Called) || ticket.Email is null) return;

        var token = seal.Open(pending.Token, ticket.Id, TicketMailKinds.Place)
            ?? throw new InvalidOperationException($"The link of queue ticket {ticket.Id} does not open with this key; the message stays in the error queue.");
        // From the kept calendar, as the appointment mails' (a concern moved or retired since is read).
        var (concern, department, zone) = await slots.ConcernOfAsync(ticket.ConcernKey, ticket.DepartmentKey, ct);
        await sender.SendAsync(mails.Compose(ticket, token, concern, department, zone, message.ExpiresAt), ct);
    }
}
