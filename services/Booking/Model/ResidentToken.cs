namespace Municipal.Booking.Model;

/// <summary>The hash of a resident's capability token, bound to one purpose and one subject.</summary>
public sealed class ResidentToken
{
    public required string Hash { get; init; }
    public required string Purpose { get; init; }
    public Guid SubjectId { get; init; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class TokenPurposes
{
    public const string ManageAppointment = "appointment.manage";
    public const string QueueTicket = "queue.ticket";
}
