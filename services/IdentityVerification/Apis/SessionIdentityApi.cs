using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.IdentityVerification.Data;
using Municipal.IdentityVerification.Model;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.IdentityVerification.Apis;

/// <summary>
/// The outcome of a consultation's identity check, for the dossier that came out of it: verified or not, by whom and
/// when — nothing of the document or the person (<see cref="Status"/>: verified, rejected, open or none).
/// </summary>
public sealed record SessionIdentityResult(string Status, DateTimeOffset? DecidedAt, string? DecidedBy);

public static class SessionIdentityApi
{
    public static RouteGroupBuilder MapSessionIdentityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{sessionId:guid}/result", Result).RequireAuthorization(StaffPolicies.Staff);
        return api;
    }

    /// <summary>
    /// The latest decision among the consultation's checks (a rejected check may be followed by a verified one),
    /// else an open check, else none. Staff see checks of their departments only; a check of another department
    /// alone is a 403.
    /// </summary>
    public static async Task<Results<Ok<SessionIdentityResult>, ProblemHttpResult>> Result(Guid sessionId, ClaimsPrincipal user, IdentityDb db, CancellationToken ct)
    {
        var checks = await db.Verifications.AsNoTracking().Where(v => v.SessionId == sessionId)
            .Select(v => new { v.DepartmentKey, v.Status, v.DecidedAt, v.DecidedByName, v.CreatedAt }).ToListAsync(ct);
        if (checks.Count == 0) return TypedResults.Ok(new SessionIdentityResult("none", null, null));
        var mine = checks.Where(v => user.CanActFor(v.DepartmentKey)).ToList();
        if (mine.Count == 0) return Problems.Forbidden("Only staff of the consultation's department see its identity check.");
        var decided = mine.Where(v => v.Status != VerificationStatus.Open).OrderByDescending(v => v.DecidedAt).FirstOrDefault();
        return TypedResults.Ok(decided is null
            ? new SessionIdentityResult("open", null, null)
            : new SessionIdentityResult(decided.Status.ToString().ToLowerInvariant(), decided.DecidedAt, decided.DecidedByName));
    }
}
