namespace Municipal.ServiceDefaults.Auth;

public static class StaffRoles
{
    public const string Clerk = "clerk";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Clerk, Supervisor, Admin];
}

/// <summary>Authorization policy names shared by every service.</summary>
public static class StaffPolicies
{
    /// <summary>Any signed-in staff member (clerk, supervisor or admin).</summary>
    public const string Staff = "staff";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
}

public static class StaffClaimTypes
{
    public const string Id = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Department = "dept";
    public const string Skill = "skill";
}
