using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Gateway.Data;
using Municipal.Gateway.Security;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Gateway.Apis;

public static class AuditApi
{
    private const int MaxTake = 500;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Search).RequireAuthorization(GatewayPolicies.Supervisor);
        return app;
    }

    /// <summary>
    /// Entries, newest first, filtered on the server (<see cref="AuditQuery"/>). Admins read the whole city's log; a
    /// supervisor only entries of their own departments.
    /// </summary>
    public static async Task<Results<Ok<List<AuditEntryView>>, ValidationProblem>> Search(
        [AsParameters] AuditQuery filter, GatewayDb db, ClaimsPrincipal user, CityClock city)
    {
        // Days as the city counts them, the zone the pages show times in (/api/city).
        var zone = city.TimeZone;
        if (filter.Validate(zone) is { Count: > 0 } errors) return Problems.Fields(errors);
        var (start, end, caseId, prefixes) = (filter.Start(zone), filter.End(zone), filter.CaseId, filter.SubjectPrefixes);

        var query = db.AuditLog.AsNoTracking();
        if (!user.IsInRole(StaffRoles.Admin))
        {
            var mine = user.ToStaff().Departments.ToArray();
            query = query.Where(a => a.Departments.Any(d => mine.Contains(d)));
        }
        if (filter.StaffId is { } id) query = query.Where(a => a.StaffId == id);
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            var pattern = $"%{Escape(filter.Person.Trim())}%";
            query = query.Where(a => EF.Functions.ILike(a.StaffName, pattern, "\\") || (a.Account != null && EF.Functions.ILike(a.Account, pattern, "\\")));
        }
        if (filter.Events is { } events) query = query.Where(a => a.Event != null && events.Contains(a.Event));
        if (!string.IsNullOrWhiteSpace(filter.Path)) query = query.Where(a => a.Path.StartsWith(filter.Path));
        if (caseId is { } c) query = query.Where(a => EF.Functions.ILike(a.Path, $"%{c}%"));
        if (start is { } s) query = query.Where(a => a.At >= s);
        if (end is { } e) query = query.Where(a => a.At < e);
        if (filter.Before is { } b) query = query.Where(a => a.Id < b);
        if (prefixes is not null)
        {
            // The subject's own prefix, without the narrower ones of other subjects (documents ≠ kiosk, form ≠ dossier).
            var own = prefixes[0];
            var narrower = AuditSubjects.All.Where(x => x.Key != filter.Subject).SelectMany(x => x.Prefixes).Where(p => p.StartsWith(own + "/")).ToArray();
            query = query.Where(a => a.Path == own || a.Path.StartsWith(own + "/"));
            foreach (var more in narrower) query = query.Where(a => !(a.Path == more || a.Path.StartsWith(more + "/")));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = filter.Action switch
            {
                "viewed" => query.Where(a => a.Method == "GET" || a.Method == "HEAD"),
                "deleted" => query.Where(a => a.Method == "DELETE"),
                _ => query.Where(a => a.Method != "GET" && a.Method != "HEAD" && a.Method != "DELETE"),
            };
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(filter.Take, 1, MaxTake)).ToListAsync();
        return TypedResults.Ok(rows.Select(AuditEntryView.Of).ToList());
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
