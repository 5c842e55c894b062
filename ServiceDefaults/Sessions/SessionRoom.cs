namespace Municipal.ServiceDefaults.Sessions;

/// <summary>A consultation room as the sessions service describes it to other services (the fields they use).</summary>
public sealed record SessionRoom(
    Guid Id,
    string? DepartmentKey,
    string? ConcernKey,
    string? CitizenName,
    string? Email,
    string? Language,
    DateOnly? CitizenBirthDate);
