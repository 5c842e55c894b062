using Municipal.Form.Clients;
using Municipal.Form.Model;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Form.Drafts;

/// <summary>
/// Decides who may touch a draft: staff who act for its department; the resident holding the draft's own token;
/// or, for a draft bound to a consultation, the resident whose room token opens that room (asked of sessions).
/// </summary>
public sealed class DraftAccess(RoomDirectory rooms, CityClock clock)
{
    public async Task<DraftActor?> ActorAsync(HttpContext http, Draft draft)
    {
        var user = http.User;
        if (user.IsStaff()) return user.CanActFor(draft.DepartmentKey) ? new DraftActor(DraftActor.Clerk, user.StaffName()) : null;

        var token = ResidentToken(http);
        if (token is null) return null;
        if (draft.TokenHash is not null && draft.ExpiresAt > clock.Now && CapabilityToken.Hash(token) == draft.TokenHash)
            return new DraftActor(DraftActor.Resident, "");
        if (draft.SessionId is { } session && await rooms.CurrentAsync(token, http.RequestAborted) is { } room && room.Id == session)
            return new DraftActor(DraftActor.Resident, room.CitizenName ?? "");
        return null;
    }

    public static string? ResidentToken(HttpContext http) =>
        http.Request.Headers["X-Resident-Token"].ToString() is { } t && CapabilityToken.LooksValid(t) ? t : null;
}
