namespace Municipal.ServiceDefaults.Auth;

/// <summary>Who acts, as the gateway vouches for it to the services.</summary>
public sealed record StaffIdentity(
    Guid Id,
    string Name,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string> Skills);
