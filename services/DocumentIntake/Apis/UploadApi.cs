using Microsoft.EntityFrameworkCore;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.ResidentLinks;
using Municipal.ServiceDefaults.Sessions;
using Municipal.DocumentIntake.Clients;
using Municipal.DocumentIntake.Submissions;
using Municipal.DocumentIntake.Uploads;

namespace Municipal.DocumentIntake.Apis;

/// <summary>
/// Residents hand in documents with their link's token (consultation room, booking, ticket or dossier), resolved from
/// this service's own projection of the links (<see cref="ResidentLinkResolver"/>): sessions and forms need not be up.
/// </summary>
public static class UploadApi
{
    /// <summary>The files count against a link's allowance; the form around them (boundaries, fields) gets this margin.</summary>
    private const long FormMargin = 1024 * 1024;

    public static RouteGroupBuilder MapUploadApi(this RouteGroupBuilder api)
    {
        api.MapPost("/uploads", Upload).AllowAnonymous().DisableAntiforgery();
        api.MapGet("/uploads/mine", Mine).AllowAnonymous();
        api.MapGet("/sessions/{sessionId:guid}", ForSession).AllowAnonymous();
        return api;
    }

    public static async Task<Results<Created<SubmissionResult>, ProblemHttpResult>> Upload(
        HttpRequest request, ResidentLinkResolver links, UploadReader reader, IntakeService intake, LinkAllowance allowance, CancellationToken ct)
    {
        var (context, problem) = await ResolveAsync(request, links, ct);
        if (context is null) return problem!;
        if (context.IsClosed) return Closed(context);
        // The link's allowance: refused before the body is read when what it handed in and what this request declares
        // pass it, and the body is cut off at what is left. Requests of one link running at once are each held to what
        // was left when they started (the gateway lets a link send a few a minute).
        var tokenHash = CapabilityToken.Hash(request.Headers[CapabilityToken.Header]!);
        var left = await allowance.LeftAsync(context, ct);
        if (left <= 0 || request.ContentLength > left + FormMargin) return UploadProblems.OverLimit(allowance.Spent(left), "bytesPerLink", allowance.Total);
        // A refusal after the body was read (a wrong type, a damaged file, a bad field) or a request broken off counts
        // against the allowance too: each was received and scanned.
        return await CountedBody.ChargingRefusalsAsync(request, () => ReceiveAsync(request, context, tokenHash, left, reader, intake, allowance, ct),
            (bytes, token) => allowance.ChargeRefusedAsync(context, bytes, token), ct);
    }

    private static async Task<Results<Created<SubmissionResult>, ProblemHttpResult>> ReceiveAsync(HttpRequest request, ResidentLink context,
        string tokenHash, long left, UploadReader reader, IntakeService intake, LinkAllowance allowance, CancellationToken ct)
    {
        try
        {
            using var upload = await reader.ReadAsync(request, ct, new UploadReader.Limits(int.MaxValue, left + FormMargin));
            var channel = upload.Field("channel") == Channels.Session && context.SessionId is not null ? Channels.Session : Channels.Upload;
            var note = upload.Field("note");
            if (note is { Length: > 1000 }) return UploadProblems.Field("note", "too-long", "At most 1000 characters.");
            // A resident's link belongs to one consultation or dossier: what is handed in with it goes to that
            // department, whatever its name or note says (a "Lohnausweis" in a move went to the tax office's inbox).
            var draft = new SubmissionDraft(channel, context.ConcernKey, context.DepartmentKey, context.SessionId, context.DossierId,
                tokenHash, note, Language: Language(upload.Field("language")), DepartmentIsFinal: true, ResidentLinkId: context.Id);
            var result = await intake.AcceptAsync(upload, draft, ct);
            return TypedResults.Created($"/api/documents/uploads/mine", result);
        }
        catch (UploadRejected rejected) when (rejected.Reasons.ContainsValue("too-large") && left + FormMargin < reader.MaxRequestBytes)
        {
            // The body ran past what the link had left (it declared no length, or a wrong one).
            return UploadProblems.OverLimit(allowance.Spent(left), "bytesPerLink", allowance.Total);
        }
        catch (UploadRejected rejected)
        {
            return UploadProblems.From(rejected);
        }
    }

    /// <summary>
    /// What this link (a dossier's: any of its links) uploaded before, so the upload page can show it again. Only for a link that opens something,
    /// as every other resident endpoint: a made-up token is refused, not answered with an empty list.
    /// </summary>
    public static async Task<Results<Ok<List<object>>, ProblemHttpResult>> Mine(HttpRequest request, ResidentLinkResolver links, DocumentDb db, CancellationToken ct)
    {
        var (context, problem) = await ResolveAsync(request, links, ct);
        if (context is null) return problem!;
        // By the link, not the token: what was handed in before a move (whose new token the page now has) is still theirs.
        // A dossier's by the dossier: each status mail brings a link of its own, and the page opened from the newest one
        // lists what the earlier ones handed in too.
        var handedIn = db.Documents.AsNoTracking().Where(d => d.DeletedAt == null);
        handedIn = context is { Kind: ResidentLink.Dossier, DossierId: { } dossierId }
            ? handedIn.Where(d => d.Submission!.DossierId == dossierId)
            : handedIn.Where(d => d.Submission!.ResidentLinkId == context.Id);
        var documents = await handedIn.OrderBy(d => d.ReceivedAt).ToListAsync(ct);
        return TypedResults.Ok(documents.Select(DocumentView.ForResident).ToList());
    }

    /// <summary>The documents of one consultation: for staff of its department, or for the resident in that room.</summary>
    public static async Task<Results<Ok<List<object>>, ProblemHttpResult>> ForSession(
        Guid sessionId, HttpContext http, ResidentLinkResolver links, DocumentDb db, SessionsClient sessions, CancellationToken ct)
    {
        var documents = await db.Documents.AsNoTracking().Include(d => d.Submission).Include(d => d.HandOns)
            .Where(d => d.Submission!.SessionId == sessionId && d.DeletedAt == null)
            .OrderBy(d => d.ReceivedAt).ToListAsync(ct);

        if (http.User.IsStaff())
        {
            // A document's own department is the one whose inbox holds it: one handed on is no longer the first one's.
            bool Own(Document d) => http.User.CanActFor(d.DepartmentKey);
            // The consultation's documents travel with its room: whoever may open the room sees all of them, others
            // their own department's. Sessions is asked only when some are another department's or none are the
            // caller's: a consultation of another department with none of theirs is refused, as forms and identity
            // refuse it, not answered with an empty list.
            if (documents.Count > 0 && documents.All(Own)) return TypedResults.Ok(documents.Select(d => (object)DocumentView.Of(d)).ToList());
            var access = (await sessions.ForStaffAsync(sessionId, http.Request.Headers.Authorization.ToString(), ct)).Result;
            var visible = documents.Where(d => access == RoomLookupResult.Found || Own(d)).ToList();
            if (access == RoomLookupResult.Refused && visible.Count == 0)
                return Problems.Forbidden(new Reason("consultation-other-department", "This consultation is with another department."));
            return TypedResults.Ok(visible.Select(d => (object)DocumentView.Of(d)).ToList());
        }
        var (context, problem) = await ResolveAsync(http.Request, links, ct);
        if (context is null) return problem!;
        if (context.SessionId != sessionId) return Problems.NotFound(new Reason("no-consultation", "No such consultation."));
        return TypedResults.Ok(documents.Select(DocumentView.ForResident).ToList());
    }

    /// <summary>
    /// The link's context, or the answer: 401 for a link nobody issued (or expired), 503 with Retry-After for a
    /// well-formed one not known yet (its event may still be on its way; the page asks again).
    /// </summary>
    private static async Task<(ResidentLink?, ProblemHttpResult?)> ResolveAsync(HttpRequest request, ResidentLinkResolver links, CancellationToken ct)
    {
        var token = request.Headers[CapabilityToken.Header].ToString();
        if (!CapabilityToken.LooksValid(token)) return (null, Problems.Status(StatusCodes.Status401Unauthorized, "Invalid link", new Reason("invalid-link", "A valid link is needed.")));
        var lookup = await links.FindAsync(token, ct);
        return lookup switch
        {
            { Link: { } link } => (link, null),
            { State: LinkState.Pending } => (null, ResidentLinkResolver.NotKnownYet(request.HttpContext.Response)),
            { State: LinkState.Replaced } => (null, ResidentLinkResolver.Replaced()),
            _ => (null, Problems.Status(StatusCodes.Status401Unauthorized, "Invalid link", new Reason("invalid-link", "The link is not valid (any more)."))),
        };
    }

    internal static string Language(string? value) => Languages.OrGerman(value);

    /// <summary>410 for a link that creates nothing more: its consultation ended or was cancelled, or its dossier was decided.</summary>
    private static ProblemHttpResult Closed(ResidentLink link) => link.Kind == ResidentLink.Dossier
        ? Problems.Status(StatusCodes.Status410Gone, "Dossier closed", new Reason("dossier-closed-documents", "This dossier was completed or rejected; documents can no longer be handed in with its link."))
        : Problems.Status(StatusCodes.Status410Gone, "Consultation closed", new Reason("consultation-closed-documents", "This consultation has ended or was cancelled; documents can no longer be handed in with its link."));
}
