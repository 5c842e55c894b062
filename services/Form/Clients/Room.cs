namespace Municipal.Form.Clients;

/// <summary>What the sessions service tells about a consultation room: enough to bind a draft and pre-fill it.</summary>
public sealed record Room(Guid Id, string? DepartmentKey, string? ConcernKey, string? CitizenName, string? Email, string? Language);
