namespace Municipal.Booking.Model;

/// <summary>
/// Links in a mail need the plain tokens, which must neither travel in events nor stay in the database.
/// The booking transaction writes them here, sealed (<see cref="Mail.LinkSeal"/>), with the event that triggers
/// the mail; the consumer that sends the mail deletes the row in its own transaction, so a token is at rest,
/// sealed, only until its mail left.
/// </summary>
public sealed class PendingMail
{
    public Guid Id { get; init; }
    public Guid AppointmentId { get; init; }
    public required string Kind { get; init; }
    public required string JoinToken { get; init; }
    public required string ManageToken { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class MailKinds
{
    public const string Confirmation = "confirmation";
    public const string Rescheduled = "rescheduled";
    public const string Reminder = "reminder";
    public const string Resent = "resent";
}
