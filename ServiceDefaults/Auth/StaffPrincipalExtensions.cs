using System.Security.Claims;

namespace Municipal.ServiceDefaults.Auth;

public static class StaffPrincipalExtensions
{
    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(StaffClaimTypes.Id) is not null;

    public static Guid StaffId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(StaffClaimTypes.Id) ?? throw new InvalidOperationException("Not a staff principal."));

    public static string StaffName(this ClaimsPrincipal user) => user.FindFirstValue(StaffClaimTypes.Name) ?? "";

    public static IReadOnlyList<string> Departments(this ClaimsPrincipal user) =>
        user.FindAll(StaffClaimTypes.Department).Select(c => c.Value).ToList();

    public static IReadOnlyList<string> Skills(this ClaimsPrincipal user) =>
        user.FindAll(StaffClaimTypes.Skill).Select(c => c.Value).ToList();

    /// <summary>Admins act across the city; everyone else within the departments they belong to.</summary>
    public static bool CanActFor(this ClaimsPrincipal user, string departmentKey) =>
        user.IsInRole(StaffRoles.Admin) || user.HasClaim(StaffClaimTypes.Department, departmentKey);

    public static StaffIdentity ToStaffIdentity(this ClaimsPrincipal user) => new(
        user.StaffId(),
        user.StaffName(),
        user.FindAll(StaffClaimTypes.Role).Select(c => c.Value).ToList(),
        user.Departments(),
        user.Skills());
}
