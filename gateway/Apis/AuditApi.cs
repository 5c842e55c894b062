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
    /// Entries, newest first, filtered on the server: days <paramref name="from"/>–<paramref name="to"/> (dates in the
    /// city's time zone, both included), a person (<paramref name="staffId"/>, or part of the name in
    /// <paramref name="person"/>), a case (<paramref name="case"/>: a dossier's or consultation's id anywhere in the
    /// path), what was touched (<paramref name="subject"/>, see <see cref="AuditSubjects"/>), how
    /// (<paramref name="action"/>: viewed, changed, deleted) or a path prefix. Pages go back with
    /// <paramref name="before"/> (the last id shown). Admins read the whole city's log; a supervisor only entries of
    /// their own departments.
    /// </summary>
    public static async Task<Results<Ok<List<AuditEntryView>>, ValidationProblem>> Search(
        GatewayDb db, ClaimsPrincipal user, IConfiguration configuration,
        Guid? staffId, string? path, string? from, string? to, string? person, string? @case, string? subject, string? action,
        long? before, int take = 200)
    {
        var errors = new FieldErrors();
        var zone = CityZone(configuration);
        var start = Day(from, "from", zone, errors);
        var end = Day(to, "to", zone, errors)?.AddDays(1);
        if (start is not null && end is not null && end <= start) errors["to"] = Reasons.ToBeforeFrom;
        Guid? caseId = null;
        if (!string.IsNullOrWhiteSpace(@case))
        {
            if (Guid.TryParse(@case.Trim(), out var parsed)) caseId = parsed;
            else errors["case"] = Reasons.NotAnId;
        }
        string[]? prefixes = null;
        if (!string.IsNullOrWhiteSpace(subject) && (prefixes = AuditSubjects.PrefixesOf(subject)) is null)
            errors["subject"] = new Reason("audit-subject", $"Allowed: {string.Join(", ", AuditSubjects.All.Select(s => s.Key))}")
                .With("allowed", string.Join(", ", AuditSubjects.All.Select(s => s.Key)));
        if (!string.IsNullOrWhiteSpace(action) && !AuditSubjects.Verbs.Contains(action))
            errors["action"] = new Reason("audit-action", $"Allowed: {string.Join(", ", AuditSubjects.Verbs)}").With("allowed", string.Join(", ", AuditSubjects.Verbs));
        if (person is { Length: > 200 }) errors["person"] = Reasons.TooLong(200);
        if (errors.Count > 0) return Problems.Fields(errors);

        var query = db.AuditLog.AsNoTracking();
        if (!user.IsInRole(StaffRoles.Admin))
        {
            var mine = user.ToStaff().Departments.ToArray();
            query = query.Where(a => a.Departments.Any(d => mine.Contains(d)));
        }
        if (staffId is { } id) query = query.Where(a => a.StaffId == id);
        if (!string.IsNullOrWhiteSpace(person)) query = query.Where(a => EF.Functions.ILike(a.StaffName, $"%{Escape(person.Trim())}%", "\\"));
        if (!string.IsNullOrWhiteSpace(path)) query = query.Where(a => a.Path.StartsWith(path));
        if (caseId is { } c) query = query.Where(a => EF.Functions.ILike(a.Path, $"%{c}%"));
        if (start is { } s) query = query.Where(a => a.At >= s);
        if (end is { } e) query = query.Where(a => a.At < e);
        if (before is { } b) query = query.Where(a => a.Id < b);
        if (prefixes is not null)
        {
            // The subject's own prefix, without the narrower ones of other subjects (documents ≠ kiosk, form ≠ dossier).
            var own = prefixes[0];
            var narrower = AuditSubjects.All.Where(x => x.Key != subject).SelectMany(x => x.Prefixes).Where(p => p.StartsWith(own + "/")).ToArray();
            query = query.Where(a => a.Path == own || a.Path.StartsWith(own + "/"));
            foreach (var more in narrower) query = query.Where(a => !(a.Path == more || a.Path.StartsWith(more + "/")));
        }
        if (!string.IsNullOrWhiteSpace(action))
        {
            query = action switch
            {
                "viewed" => query.Where(a => a.Method == "GET" || a.Method == "HEAD"),
                "deleted" => query.Where(a => a.Method == "DELETE"),
                _ => query.Where(a => a.Method != "GET" && a.Method != "HEAD" && a.Method != "DELETE"),
            };
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, MaxTake)).ToListAsync();
        return TypedResults.Ok(rows.Select(AuditEntryView.Of).ToList());
    }

    private static TimeZoneInfo CityZone(IConfiguration configuration) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(configuration["City:TimeZone"] ?? "Europe/Zurich", out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The start of a day (yyyy-MM-dd) in the city's time zone, as an instant.</summary>
    private static DateTimeOffset? Day(string? value, string field, TimeZoneInfo zone, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", out var day))
        {
            errors[field] = Reasons.DateFormat("2026-03-30");
            return null;
        }
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
