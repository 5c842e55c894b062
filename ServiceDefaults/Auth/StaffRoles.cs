namespace Municipal.ServiceDefaults.Auth;

public static class StaffRoles
{
    public const string Clerk = "clerk";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    /// <summary>Another service acting on its own behalf (e.g. forms handing a PDF to document intake).</summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All = [Clerk, Supervisor, Admin];
}

/// <summary>Authorization policy names shared by every service.</summary>
public static class StaffPolicies
{
    /// <summary>Any signed-in staff member (clerk, supervisor or admin).</summary>
    public const string Staff = "staff";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    /// <summary>Service-to-service calls (a token minted by a service with <see cref="InternalToken.IssueForService"/>).</summary>
    public const string Service = "service";
}

public static class StaffClaimTypes
{
    public const string Id = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Department = "dept";
    public const string Skill = "skill";
}
