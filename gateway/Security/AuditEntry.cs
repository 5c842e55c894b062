namespace Municipal.Gateway.Security;

/// <summary>One staff action that touched residents' data or staff accounts.</summary>
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
}
