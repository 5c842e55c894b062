using Municipal.Form.Clients;
using Municipal.Form.Model;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Municipal.Form.Drafts;

/// <summary>
/// Decides who may touch a draft: staff who act for its department; the resident holding the draft's own token;
/// or, for a draft bound to a consultation, the resident whose room token opens that room (asked of sessions).
/// A consultation's draft follows its room: staff write into it when sessions lets them act on the room now (the
/// clerk holding it, or the department it was transferred to); the form's own department may still read it.
/// Nobody writes into it once its room is no longer open (ended, cancelled): a write asks sessions afresh, so a form
/// cannot be changed, signed or submitted after the clerk ended the consultation (<see cref="Closed"/>, 410).
/// </summary>
public sealed class DraftAccess(RoomDirectory rooms, ConsultationAccess consultations, CityClock clock)
{
    /// <param name="write">false for looking only (the draft and its event stream); anything that changes it writes.</param>
    public async Task<DraftActor?> ActorAsync(HttpContext http, Draft draft, bool write = true)
    {
        var user = http.User;
        if (user.IsStaff())
        {
            var clerk = new DraftActor(DraftActor.Clerk, user.StaffName());
            if (draft.SessionId is not { } consultation) return user.CanActFor(draft.DepartmentKey) ? clerk : null;
            if (!write && user.CanActFor(draft.DepartmentKey)) return clerk;
            var lookup = await consultations.RoomAsync(http, consultation);
            if (lookup.Result != RoomLookupResult.Found) return null;
            return clerk with { RoomOpen = lookup.Room?.IsOpen == true };
        }

        var token = ResidentToken(http);
        if (token is null) return null;
        if (draft.TokenHash is not null && draft.ExpiresAt > clock.Now && CapabilityToken.Hash(token) == draft.TokenHash)
            return new DraftActor(DraftActor.Resident, "");
        // A write asks sessions afresh: the cached answer may be from before the end.
        if (draft.SessionId is { } session && await rooms.CurrentAsync(token, http.RequestAborted, fresh: write) is { } room && room.Id == session)
            return new DraftActor(DraftActor.Resident, room.CitizenName ?? "", room.IsOpen);
        return null;
    }

    /// <summary>A consultation's form after its room ended or was cancelled: 410, as for opening one then.</summary>
    public static ProblemHttpResult Closed() =>
        Problems.Status(StatusCodes.Status410Gone, "Consultation closed",
            new Reason("consultation-closed-forms", "This consultation has ended; its forms can no longer be changed, signed or submitted."));

    public static string? ResidentToken(HttpContext http) =>
        http.Request.Headers[CapabilityToken.Header].ToString() is { } t && CapabilityToken.LooksValid(t) ? t : null;
}
