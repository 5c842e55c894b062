namespace Municipal.SessionSignaling.Apis;

public sealed record AcceptRequest(Guid? TicketId, Guid? AppointmentId, Guid? SessionId);

public sealed record TransferRequest(Guid? ToStaffId, string? ToDepartmentKey);

public sealed record FeedbackRequest(int? Score, string? Comment);

public sealed record InviteRequest(string? Name, string? Role);

public sealed record InviteResponse(Guid Id, string Token, string Role, string Name, DateTimeOffset ExpiresAt, string Link);
