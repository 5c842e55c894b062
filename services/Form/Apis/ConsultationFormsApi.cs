using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Form.Clients;
using Municipal.Form.Data;
using Municipal.Form.Drafts;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Sessions;

namespace Municipal.Form.Apis;

/// <summary>
/// The forms of one consultation, for the clerk's consultation page: each draft with its state, and the dossier a
/// submitted one became. Whoever sessions lets act on the room (the clerk holding it, or the department it was
/// transferred to) sees all of them; others see only their own department's; a third department sees nothing.
/// </summary>
public static class ConsultationFormsApi
{
    public sealed record CaseDraft(Guid Id, string DefinitionId, string DepartmentKey, string Status, DateTimeOffset UpdatedAt, SubmittedAs? Dossier);

    public sealed record CaseForms(Guid SessionId, IReadOnlyList<CaseDraft> Drafts);

    public static RouteGroupBuilder MapConsultationFormsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{sessionId:guid}", Get).RequireAuthorization(StaffPolicies.Staff);
        return api;
    }

    public static async Task<Results<Ok<CaseForms>, ProblemHttpResult>> Get(Guid sessionId, HttpContext http, FormDb db, ConsultationAccess consultations)
    {
        var ct = http.RequestAborted;
        var access = await consultations.LookupAsync(http, sessionId);
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.SessionId == sessionId).OrderBy(d => d.CreatedAt).ToListAsync(ct);
        var visible = drafts.Where(d => access == RoomLookupResult.Found || http.User.CanActFor(d.DepartmentKey)).ToList();
        if (access == RoomLookupResult.Refused && visible.Count == 0) return Problems.Forbidden(new Reason("consultation-other-department", "This consultation is with another department."));

        var ids = visible.Select(d => d.Id).ToList();
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => ids.Contains(d.DraftId))
            .Select(d => new { d.DraftId, View = new SubmittedAs(d.Id, d.Reference, d.Status, d.SubmittedAt) }).ToListAsync(ct);
        return TypedResults.Ok(new CaseForms(sessionId, visible.Select(d => new CaseDraft(d.Id, d.DefinitionId, d.DepartmentKey, d.Status, d.UpdatedAt,
            dossiers.FirstOrDefault(x => x.DraftId == d.Id)?.View)).ToList()));
    }
}
