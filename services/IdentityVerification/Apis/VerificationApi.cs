using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Identity;
using Municipal.IdentityVerification.Data;
using Municipal.IdentityVerification.Model;
using Municipal.IdentityVerification.Mrz;
using Municipal.IdentityVerification.Ocr;
using Municipal.IdentityVerification.Security;
using Municipal.ServiceDefaults.Sessions;
using Municipal.ServiceDefaults.Auth;
using System.Security.Claims;
using Municipal.ServiceDefaults;
using Municipal.IdentityVerification.Checklist;
using Municipal.IdentityVerification.Retention;

namespace Municipal.IdentityVerification.Apis;

/// <summary>The clerk's identity check inside a consultation: checklist, MRZ, still, decision.</summary>
public static class VerificationApi
{
    public static RouteGroupBuilder MapVerificationApi(this RouteGroupBuilder api)
    {
        var verifications = api.MapGroup("/verifications");
        verifications.MapPost("/", Start);
        verifications.MapGet("/{id:guid}", Get);
        verifications.MapPut("/{id:guid}/mrz", CheckMrz);
        verifications.MapPut("/{id:guid}/still", UploadStill);
        verifications.MapPost("/{id:guid}/decision", Decide);
        return api;
    }

    public sealed record MrzRequest(string? Mrz);

    public sealed record MrzCheckResult(MrzDocument Document, NameComparison Comparison);

    public sealed record StillResult(bool Stored, bool StillRequired, string? MrzSuggestion);

    /// <summary>
    /// Opens a verification for a room the sessions service confirms the caller may act on (the caller's own token
    /// is forwarded, so sessions applies its rules). The room's department, concern and booked name come from
    /// sessions only: what the request says about them is ignored. A refusal stays a refusal (403) and an outage
    /// is an outage (503): a verification is never opened on the request's word. It opens only while the room's call
    /// runs (409 <c>identity-no-video</c>): sessions' mode of the room says so, asked afresh like the rest; and only while
    /// the clerk's page receives a picture of the resident (409 <c>identity-no-picture</c>: sessions' look-up says
    /// whether her page reported one lately).
    /// </summary>
    public static async Task<Results<Created<VerificationView>, ValidationProblem, ProblemHttpResult>> Start(
        StartVerificationRequest request, ClaimsPrincipal user, HttpRequest http, [AsParameters] VerificationServices services,
        CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);
        var (lookup, unavailable) = await LookUpRoomAsync(request.SessionId, http, services, ct);
        if (unavailable is not null) return unavailable;
        if (lookup.Result == RoomLookupResult.NotFound) return Problems.NotFound(new Reason("no-consultation", "No such consultation."));
        if (lookup.Room is not { } room || !user.CanActFor(room.DepartmentKey))
        {
            return Problems.Forbidden(new Reason("not-your-department", "Only staff of the consultation's department may verify identities in it."));
        }
        // Only while the resident can be there: not in an ended or cancelled consultation.
        if (!room.IsOpen) return ConsultationClosed();
        // A colleague of the department does not check the identity in a consultation someone else is holding, nor in
        // one nobody has taken yet (a booked room waiting for its day); a supervisor may step in.
        if (room.StaffId != user.StaffId() && !IsLead(user))
        {
            return Problems.Forbidden(new Reason("identity-not-holder", "Only the clerk holding the consultation may verify the identity in it."));
        }
        // The clerk checks the card the resident holds up to the camera: without a call there is nothing to see.
        if (!room.CallRunning) return NoVideo();
        // A call runs, but the clerk's page may receive no picture of it (a camera covered or switched off sends black).
        if (!room.PictureArrives) return NoPicture();
        var department = room.DepartmentKey;

        var verification = new Verification
        {
            Id = Guid.CreateVersion7(),
            SessionId = request.SessionId,
            DepartmentKey = department,
            ConcernKey = room.ConcernKey,
            CitizenName = Trim(room.CitizenName, 200),
            ClerkId = user.StaffId(),
            CreatedAt = services.Time.GetUtcNow(),
            Features = SecurityFeatures.Draw().Select(f => f.Key).ToList(),
            Questions = Questions.Draw().Select(q => q.Key).ToList(),
            Status = VerificationStatus.Open,
        };
        services.Db.Verifications.Add(verification);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/identity/verifications/{verification.Id}", VerificationView.From(verification, services.Stills.Requires(verification.ConcernKey), false));
    }

    public static async Task<Results<Ok<VerificationView>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, [AsParameters] VerificationServices services, CancellationToken ct)
    {
        var verification = await services.Db.Verifications.FindAsync([id], ct);
        if (Denied(verification, user) is { } denied) return denied;
        var stored = await services.Db.Stills.AnyAsync(s => s.VerificationId == id, ct);
        return TypedResults.Ok(VerificationView.From(verification!, services.Stills.Requires(verification!.ConcernKey), stored));
    }

    /// <summary>
    /// Checks the MRZ and compares it with the booking. Only the minimum is kept on the record; the names and
    /// birth date wait in pending columns for the decision's event and are cleared then.
    /// </summary>
    public static async Task<Results<Ok<MrzCheckResult>, ValidationProblem, ProblemHttpResult>> CheckMrz(
        Guid id, MrzRequest request, ClaimsPrincipal user, [AsParameters] VerificationServices services, CancellationToken ct)
    {
        var verification = await services.Db.Verifications.FindAsync([id], ct);
        if (Denied(verification, user) is { } denied) return denied;
        if (verification!.Status != VerificationStatus.Open) return AlreadyDecided(verification);

        var parsed = MrzParser.Parse(request.Mrz, services.Calendar.Today);
        if (parsed.Document is not { } document)
        {
            return MrzApi.MrzProblem(parsed);
        }

        verification.DocumentType = document.DocumentType;
        verification.IssuingState = document.IssuingState;
        verification.DocumentNumberHash = services.Hasher.DocumentNumber(document.IssuingState, document.DocumentNumber);
        verification.DocumentExpiry = document.ExpiryDate;
        verification.MrzValid = document.Valid;
        verification.PendingSurname = document.Surname;
        verification.PendingGivenNames = document.GivenNames;
        verification.PendingBirthDate = document.BirthDate;
        verification.PendingNationality = IcaoStates.Iso3166Alpha3(document.Nationality);
        await services.Db.SaveChangesAsync(ct);

        var comparison = NameComparison.Compare(document.Surname, document.GivenNames, document.NameTruncated, verification.CitizenName);
        return TypedResults.Ok(new MrzCheckResult(document, comparison));
    }

    /// <summary>
    /// Receives a still from the resident's video (JPEG or PNG as the request body). It is read for the MRZ in
    /// memory and kept only if the concern requires it and <c>consent=true</c> says the resident agreed.
    /// </summary>
    public static async Task<Results<Ok<StillResult>, ValidationProblem, ProblemHttpResult>> UploadStill(
        Guid id, bool? consent, HttpRequest http, ClaimsPrincipal user, [AsParameters] VerificationServices services, CancellationToken ct)
    {
        var db = services.Db;
        var verification = await db.Verifications.FindAsync([id], ct);
        if (Denied(verification, user) is { } denied) return denied;
        if (verification!.Status != VerificationStatus.Open) return AlreadyDecided(verification);

        if (http.ContentLength > StillPolicy.MaxBytes)
        {
            return StillError(new Reason("still-too-large", $"The still is larger than {StillPolicy.MaxBytes / 1024 / 1024} MB.").With("max", StillPolicy.MaxBytes / 1024 / 1024));
        }
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > StillPolicy.MaxBytes)
        {
            return StillError(new Reason("still-too-large", $"The still is larger than {StillPolicy.MaxBytes / 1024 / 1024} MB.").With("max", StillPolicy.MaxBytes / 1024 / 1024));
        }
        var content = buffer.ToArray();
        if (StillPolicy.ImageType(content) is not { } contentType)
        {
            return StillError(new Reason("still-type", "The still must be a JPEG or PNG image."));
        }

        var required = services.Stills.Requires(verification.ConcernKey);
        var store = required && consent == true;
        if (store)
        {
            await db.Stills.Where(s => s.VerificationId == id).ExecuteDeleteAsync(ct);
            db.Stills.Add(new VerificationStill { VerificationId = id, ContentType = contentType, Content = content, StoredAt = services.Time.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        var suggestion = await services.Ocr.ReadAsync(content, ct);
        return TypedResults.Ok(new StillResult(store, required, suggestion));
    }

    /// <summary>
    /// Records the clerk's decision, only while the consultation is open (asked of sessions afresh, with the caller's
    /// token): a check decided after the end would say the identity was checked with nobody there. "Verified" also
    /// needs the call to run then, and a picture of the resident to reach the clerk's page.
    /// </summary>
    public static async Task<Results<Ok<VerificationView>, ValidationProblem, ProblemHttpResult>> Decide(
        Guid id, DecisionRequest request, ClaimsPrincipal user, HttpRequest http, [AsParameters] VerificationServices services,
        CancellationToken ct)
    {
        var db = services.Db;
        var verification = await db.Verifications.FindAsync([id], ct);
        if (Denied(verification, user) is { } denied) return denied;
        if (verification!.Status != VerificationStatus.Open) return AlreadyDecided(verification);
        var (lookup, unavailable) = await LookUpRoomAsync(verification.SessionId, http, services, ct);
        if (unavailable is not null) return unavailable;
        // Gone, ended or cancelled: too late.
        if (lookup.Result == RoomLookupResult.NotFound || lookup.Room is { IsOpen: false }) return ConsultationClosed();
        // Decided by whoever holds the consultation now, as it is started: the clerk who handed the resident on (to a
        // colleague, a supervisor, another department, where sessions refuses her) recorded a check of a consultation
        // she no longer held, and the receiving department's forms filled themselves from it.
        if (lookup.Room is not { } room || room.StaffId != user.StaffId() && !IsLead(user))
            return Problems.Forbidden(new Reason("identity-not-holder", "Only the clerk holding the consultation may verify the identity in it."));
        // "Verified" says someone saw the card: only while the call runs (again, if it ended since the start). A
        // rejection claims no identity and may be recorded without it (a resident who ends the video rather than
        // show the card is a reason to reject).
        if (request.Decision == "verified" && !room.CallRunning) return NoVideo();
        if (request.Decision == "verified" && !room.PictureArrives) return NoPicture();

        var stillRequired = services.Stills.Requires(verification.ConcernKey);
        var stillStored = await db.Stills.AnyAsync(s => s.VerificationId == id, ct);
        if (request.Validate(verification, stillRequired, stillStored) is { Count: > 0 } errors) return Problems.Fields(errors);

        var now = services.Time.GetUtcNow();
        verification.ConfirmedFeatures = request.ConfirmedFeatures?.Distinct().ToList() ?? [];
        verification.QuestionsAsked = request.QuestionsAsked?.Distinct().ToList() ?? [];
        verification.Reason = request.TrimmedReason;
        verification.DecidedBy = user.StaffId();
        verification.DecidedByName = Trim(user.StaffName(), 200);
        verification.DecidedAt = now;
        if (request.Decision == "verified")
        {
            verification.Status = VerificationStatus.Verified;
            db.Publish(new IdentityVerified(verification.Id, verification.SessionId, verification.DocumentType!, verification.IssuingState!,
                verification.DocumentExpiry!.Value, verification.PendingSurname!, verification.PendingGivenNames ?? "",
                verification.PendingBirthDate!.Value, user.StaffId(), now, verification.DepartmentKey, verification.PendingNationality));
        }
        else
        {
            verification.Status = VerificationStatus.Rejected;
            db.Publish(new IdentityRejected(verification.Id, verification.SessionId, verification.Reason!, user.StaffId(), now));
        }
        // The names and birth date have left with the event; the record keeps only the minimum.
        verification.PendingSurname = null;
        verification.PendingGivenNames = null;
        verification.PendingBirthDate = null;
        verification.PendingNationality = null;
        verification.CitizenName = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(VerificationView.From(verification, stillRequired, stillStored));
    }

    /// <summary>
    /// A verification (it holds the booked name and, until the decision, the document's) is read and written only by
    /// the clerk who started it or a supervisor of its department stepping in. Colleagues read the consultation's
    /// outcome (<see cref="ConsultationIdentityApi"/>), not the record. A refusal names nothing of it.
    /// </summary>
    private static ProblemHttpResult? Denied(Verification? verification, ClaimsPrincipal user) =>
        verification is null ? Problems.NotFound(new Reason("no-verification", "No such verification."))
        : user.CanActFor(verification.DepartmentKey) && (verification.ClerkId == user.StaffId() || IsLead(user)) ? null
        : Problems.Forbidden(new Reason("identity-not-yours", "Only the clerk who started this identity check, or a supervisor of its department, may see or continue it."));

    private static ProblemHttpResult ConsultationClosed() =>
        Problems.Status(StatusCodes.Status410Gone, "Consultation closed",
            new Reason("identity-consultation-closed", "This consultation has ended or was cancelled; its identity check can no longer be started or decided."));

    private static ProblemHttpResult NoVideo() =>
        Problems.Conflict(new Reason("identity-no-video", "No video runs between clerk and resident: start the video first, then check the identity document held up to the camera."));

    private static ProblemHttpResult NoPicture() =>
        Problems.Conflict(new Reason("identity-no-picture", "The video runs, but no picture of the resident reaches the clerk's page (no frames, or only black ones): ask the resident to switch the camera on or uncover it."));

    private static bool IsLead(ClaimsPrincipal user) => user.IsInRole(StaffRoles.Supervisor) || user.IsInRole(StaffRoles.Admin);

    private static ProblemHttpResult AlreadyDecided(Verification verification) =>
        Problems.Conflict(new Reason("verification-decided", $"This verification was {verification.Status.ToString().ToLowerInvariant()} at {verification.DecidedAt:u}; start a new one to check again."));

    private static ValidationProblem StillError(Reason reason) => Problems.Field("still", reason);

    private static string? Trim(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > max ? t[..max] : value.Trim();

    /// <summary>
    /// The room as sessions describes it to the caller (their own token is forwarded), or a 503 to answer when sessions
    /// cannot be asked: starting and deciding a check both ask afresh.
    /// </summary>
    private static async Task<(RoomLookup Lookup, ProblemHttpResult? Unavailable)> LookUpRoomAsync(
        Guid sessionId, HttpRequest http, VerificationServices services, CancellationToken ct)
    {
        try
        {
            return (await services.Sessions.ForStaffAsync(sessionId, http.Headers.Authorization, ct), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            services.Logs.CreateLogger(typeof(VerificationApi)).LogWarning(ex, "Sessions did not describe room {SessionId}.", sessionId);
            return (default!, Problems.Status(StatusCodes.Status503ServiceUnavailable, "Consultations unavailable",
                new Reason("try-again", "The consultation could not be looked up just now. Please try again in a moment.")));
        }
    }
}
