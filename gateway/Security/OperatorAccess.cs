using System.Net;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Gateway.Security;

/// <summary>
/// Operators see /health's details (services, instance counts): a signed-in admin, or a caller on the gateway's own
/// machine (scripts/run and scripts/test print them when the system does not come up). A request relayed by a proxy
/// (X-Forwarded-For, Forwarded) does not count as local. Anyone else learns the overall status and its HTTP code only.
/// </summary>
public static class OperatorAccess
{
    public static bool MaySeeHealthDetails(HttpContext context)
    {
        if (context.User.IsSignedIn() && context.User.IsInRole(StaffRoles.Admin)) return true;
        var headers = context.Request.Headers;
        return context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
            && !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("Forwarded");
    }
}
