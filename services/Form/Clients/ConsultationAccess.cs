using Municipal.ServiceDefaults.Sessions;

namespace Municipal.Form.Clients;

/// <summary>
/// Whether the sessions service lets the calling staff member act on a consultation: the clerk holding its room, or
/// staff of the department the room is with now. A consultation's case follows its room, so after a transfer to
/// another department the receiving clerk works on exactly this consultation's forms, and the sending department no
/// longer writes into them. The caller's own token is forwarded, so sessions applies its own rule. Not cached: a
/// transfer takes effect with the next keystroke. An outage throws (503), it never grants.
/// </summary>
public sealed class ConsultationAccess(SessionsClient sessions)
{
    public async Task<RoomLookupResult> LookupAsync(HttpContext http, Guid sessionId) =>
        (await RoomAsync(http, sessionId)).Result;

    /// <summary>The room as sessions shows it to the caller (with its status), or why not.</summary>
    public Task<RoomLookup> RoomAsync(HttpContext http, Guid sessionId) =>
        sessions.ForStaffAsync(sessionId, http.Request.Headers.Authorization.ToString(), http.RequestAborted);

    public async Task<bool> MayActAsync(HttpContext http, Guid sessionId) =>
        await LookupAsync(http, sessionId) == RoomLookupResult.Found;
}
