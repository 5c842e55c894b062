using Municipal.ServiceDefaults.Sessions;

namespace Municipal.DocumentIntake.Clients;

/// <summary>
/// A consultation's documents follow its room: staff whom sessions lets act on the room (the clerk holding it, or the
/// department it was transferred to) read what was handed in during it, though it sits in another department's
/// inbox. Reading only: assigning, marking processed, handing on and deleting stay with the inbox's department (after a
/// hand-on, the receiving one's).
/// </summary>
internal static class ConsultationDocuments
{
    /// <summary>Asks sessions with the caller's own token; an outage throws (503), it never grants.</summary>
    public static async Task<bool> MayReadAsync(HttpContext http, SessionsClient sessions, Guid? sessionId, CancellationToken ct) =>
        sessionId is { } id && (await sessions.ForStaffAsync(id, http.Request.Headers.Authorization.ToString(), ct)).Result == RoomLookupResult.Found;
}
