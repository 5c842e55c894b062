namespace Municipal.Booking.Model;

/// <summary>A resident's rating (1–5) of a consultation, as the statistics keep it (from FeedbackGiven; the comment stays with sessions).</summary>
public sealed class Feedback
{
    public Guid SessionId { get; init; }
    public required string ConcernKey { get; init; }
    public required string DepartmentKey { get; init; }
    public int Score { get; init; }
    public DateTimeOffset GivenAt { get; init; }
}
