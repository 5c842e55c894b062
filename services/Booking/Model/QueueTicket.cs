namespace Municipal.Booking.Model;

/// <summary>A walk-in ticket as kept for statistics; the live queue itself is in Redis.</summary>
public sealed class QueueTicket
{
    public Guid Id { get; init; }
    public required string ConcernKey { get; init; }
    public required string DepartmentKey { get; init; }
    public required string CitizenName { get; init; }
    public string? Email { get; init; }
    /// <summary>The link to the place was mailed to <see cref="Email"/> (<see cref="Consumers.QueueTicketIssuedConsumer"/>).</summary>
    public bool Mailed { get; set; }
    public required string Language { get; init; }
    public string Status { get; set; } = TicketStatus.Waiting;
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset? CalledAt { get; set; }
    public Guid? CalledBy { get; set; }
    public DateTimeOffset? JoinedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int? HandlingSeconds { get; set; }
    /// <summary>When the resident's name and address were cleared (<see cref="Jobs.ResidentDataRetentionJob"/>).</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }
}

public static class TicketStatus
{
    public const string Waiting = "waiting";
    public const string Called = "called";
    public const string Joined = "joined";
    public const string Missed = "missed";
    public const string Cancelled = "cancelled";
}
