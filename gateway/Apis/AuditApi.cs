using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Gateway.Data;
using Municipal.Gateway.Security;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Gateway.Apis;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Search).RequireAuthorization(GatewayPolicies.Supervisor);
        return app;
    }

    /// <summary>
    /// The latest entries, optionally for one staff member or a path prefix (e.g. one dossier). Admins read the whole
    /// city's log; a supervisor only entries of their own departments.
    /// </summary>
    public static async Task<Ok<List<AuditEntry>>> Search(GatewayDb db, ClaimsPrincipal user, Guid? staffId, string? path, int take = 200)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!user.IsInRole(StaffRoles.Admin))
        {
            var mine = user.ToStaff().Departments.ToArray();
            query = query.Where(a => a.Departments.Any(d => mine.Contains(d)));
        }
        if (staffId is { } id) query = query.Where(a => a.StaffId == id);
        if (!string.IsNullOrWhiteSpace(path)) query = query.Where(a => a.Path.StartsWith(path));
        return TypedResults.Ok(await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync());
    }
}
