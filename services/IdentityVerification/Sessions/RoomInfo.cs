namespace Municipal.IdentityVerification.Sessions;

/// <summary>What identity needs to know about a consultation room, as the sessions service describes it.</summary>
public sealed record RoomInfo(Guid SessionId, string? DepartmentKey, string? ConcernKey, string? CitizenName, DateOnly? CitizenBirthDate);
