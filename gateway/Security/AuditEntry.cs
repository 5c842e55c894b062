namespace Municipal.Gateway.Security;

/// <summary>One staff action that touched residents' data or staff accounts, or a sign-in event (<see cref="Event"/>).</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid StaffId { get; init; }
    public required string StaffName { get; init; }
    public required string Action { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public int Status { get; init; }
    public string? ClientIp { get; init; }

    /// <summary>The departments the action concerns: the one the request names, and the acting staff member's own.</summary>
    public string[] Departments { get; init; } = [];

    /// <summary>A sign-in event (<see cref="SignInEvents"/>), or null for any other request.</summary>
    public string? Event { get; init; }

    /// <summary>The user name of the account a sign-in event concerns; null for a name that matches no account.</summary>
    public string? Account { get; init; }

    /// <summary>How many times this happened: 1, or the further ones of a sign-in event summed up (<see cref="SignInAudit"/>).</summary>
    public int Repeats { get; init; } = 1;
}
