using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Municipal.IdentityVerification.Data;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Sessions;

namespace Municipal.IdentityVerification.Apis;

/// <summary>
/// The one read of a consultation's identity (<see cref="ConsultationIdentity"/>): the dossier page shows its result,
/// the clerk's consultation page its checks. The case follows the room: whoever sessions lets act on it (the clerk
/// holding it, or the department it was transferred to) sees every check made in it; others see only their own
/// department's; a third department is refused.
/// </summary>
public static class ConsultationIdentityApi
{
    public static RouteGroupBuilder MapConsultationIdentityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{sessionId:guid}", Get);
        return api;
    }

    public static async Task<Results<Ok<ConsultationIdentity>, ProblemHttpResult>> Get(
        Guid sessionId, ClaimsPrincipal user, HttpRequest http, SessionsClient sessions, IdentityDb db, CancellationToken ct)
    {
        // An outage throws and is answered 503: a refusal is never guessed, nor is access.
        var lookup = await sessions.ForStaffAsync(sessionId, http.Headers.Authorization, ct);
        var verifications = await db.Verifications.AsNoTracking().Where(v => v.SessionId == sessionId)
            .OrderByDescending(v => v.CreatedAt).ToListAsync(ct);
        var visible = verifications.Where(v => lookup.Result == RoomLookupResult.Found || user.CanActFor(v.DepartmentKey)).ToList();
        if (lookup.Result == RoomLookupResult.Refused && visible.Count == 0) return Problems.Forbidden(new Reason("not-your-department", "This consultation is with another department."));
        return TypedResults.Ok(ConsultationIdentity.Of(visible.Select(VerificationOutcome.From).ToList()));
    }
}
