namespace Municipal.SessionSignaling.Apis;

public sealed record FeedbackRequest(int? Score, string? Comment);

public sealed record InviteResponse(Guid Id, string Token, string Role, string Name, DateTimeOffset ExpiresAt, string Link);
