using System.Security.Claims;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Gateway.Staff;

/// <summary>Reads the signed-in staff member from the gateway's cookie principal.</summary>
public static class StaffPrincipal
{
    public static bool IsSignedIn(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(ClaimTypes.NameIdentifier) is not null;

    public static StaffIdentity ToStaff(this ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        user.FindFirstValue(StaffClaimTypes.Name) ?? user.Identity?.Name ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
        user.FindAll(StaffClaimTypes.Department).Select(c => c.Value).ToList(),
        user.FindAll(StaffClaimTypes.Skill).Select(c => c.Value).ToList());
}
