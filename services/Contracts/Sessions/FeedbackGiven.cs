namespace Municipal.Contracts.Sessions;

public sealed record FeedbackGiven(Guid SessionId, string ConcernKey, string DepartmentKey, int Score, string? Comment, DateTimeOffset GivenAt);
