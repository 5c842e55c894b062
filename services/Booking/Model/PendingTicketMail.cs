namespace Municipal.Booking.Model;

/// <summary>
/// The queue ticket's link for its mail, sealed (<see cref="Mail.LinkSeal"/>) as <see cref="PendingMail"/> holds an
/// appointment's: written with the ticket, deleted by the consumer that sends the mail.
/// </summary>
public sealed class PendingTicketMail
{
    public Guid TicketId { get; init; }
    public required string Token { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class TicketMailKinds
{
    /// <summary>The seal's context: a ticket's sealed link does not open as an appointment's of the same id.</summary>
    public const string Place = "queue-place";
}
