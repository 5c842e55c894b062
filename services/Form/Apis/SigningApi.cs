using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Form.Clients;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Drafts;
using Municipal.Form.Model;
using Municipal.Form.Realtime;
using Municipal.Form.Rules;
using Municipal.Form.Signing;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Sessions;
using Municipal.ServiceDefaults.Mail;
using Municipal.Contracts.Sessions;

namespace Municipal.Form.Apis;

/// <summary>Signing a draft (drawn or by TAN) and submitting it, both under the draft's exclusive lock.</summary>
public static class SigningApi
{
    public sealed record Signed(string Kind, string ContentSha256, DateTimeOffset SignedAt, string Summary);

    public sealed record SubmitResponse(Guid DossierId, string Reference, string ContentSha256, string StatusToken, string StatusUrl);

    /// <summary>
    /// channel "email" (in a consultation to the room's address, else to the form's own) or "sms" (stand-alone forms
    /// only, to the number given in recipient); in a consultation without an address on file, recipient is the e-mail
    /// address the resident gives for the code on their own page; contentSha256 as shown, optional.
    /// </summary>
    public sealed record TanRequest(string? Channel, string? Recipient, string? ContentSha256);

    public const int MaxTansPerDraft = 5;
    public static readonly TimeSpan TanInterval = TimeSpan.FromSeconds(20);

    public sealed record TanSent(Guid TanId, string Channel, string MaskedRecipient, DateTimeOffset ExpiresAt, string ContentSha256);

    public static RouteGroupBuilder MapSigningApi(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("/drafts").AllowAnonymous();
        drafts.MapPost("/{id:guid}/tan", RequestTan);
        drafts.MapPost("/{id:guid}/signature", Sign);
        drafts.MapPost("/{id:guid}/submit", Submit);
        return api;
    }

    public static async Task<IResult> Sign(
        Guid id, SignRequest request, HttpContext http, [AsParameters] SigningServices services, Signer signer)
    {
        var ct = http.RequestAborted;
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        var (draft, _, _, hash, problem) = await SignableAsync(id, http, services, ct);
        if (problem is not null) return problem;
        if (await signer.SignAsync(draft!, hash, request, http.Request, ct) is { } refused) return refused;
        await tx.CommitAsync(ct);

        await services.Events.PublishAsync(id, new { type = "signature", state = "signed", kind = draft!.SignatureKind, contentSha256 = hash });
        return TypedResults.Ok(new Signed(draft.SignatureKind!, hash, draft.SignedAt!.Value, draft.SignatureSummary!));
    }

    /// <summary>
    /// Asks identity to send a one-time code bound to the hash of the draft's current, valid content. In a
    /// consultation the code goes only to contact data the city already holds for that resident (the room's e-mail
    /// address, issue 13 item 6), never to an address or number typed into the form; a stand-alone form has no
    /// such data, so there the code goes to the form's own e-mail address (where the dossier's mails go too).
    /// </summary>
    public static async Task<IResult> RequestTan(Guid id, TanRequest request, HttpContext http, [AsParameters] SigningServices services, [AsParameters] TanServices codes)
    {
        var ct = http.RequestAborted;
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        var (draft, definition, values, hash, problem) = await SignableAsync(id, http, services, ct);
        if (problem is not null) return problem;
        if (request.ContentSha256 is { } shown && !string.Equals(shown, hash, StringComparison.OrdinalIgnoreCase))
            return Problems.Conflict(new Reason("form-changed-before-code", "The form changed after it was shown for signing. Review the form and request the code again."),
                new Dictionary<string, object?> { ["contentSha256"] = hash });

        // given: an address or number the person typed for the code, not one the city holds.
        string? recipient;
        bool given = true;
        IResult? unreachable;
        if (draft.SessionId is { } sessionId) (recipient, given, unreachable) = await RoomRecipientAsync(sessionId, draft, request, http, services.Configuration, codes, ct);
        else (recipient, unreachable) = FormRecipient(definition, values, request, codes.Limits);
        if (unreachable is not null) return unreachable;
        var now = services.Clock.Now;
        if (TooManyCodes(draft, now, http.Response) is { } tooMany) return tooMany;
        // A stand-alone form needs no link, and an address the resident gives in a consultation is not one the city
        // holds: one connection does not ask for codes to addresses of its choosing without end, draft after draft.
        if (given && codes.Limits.Take(http.Request) is { } spent)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(spent.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many codes requested.",
                new Reason("tan-address-limit", $"At most {codes.Limits.PerAddress} codes an hour from one connection: please sign by hand or try again later.").With("max", codes.Limits.PerAddress));
        }

        // The form's title as the page shows it: the code is bound to the content by its hash, which the mail need not show.
        var purpose = definition.Title.For(draft.Language);
        var (tan, refusal) = await codes.Tans.IssueAsync(hash, purpose, request.Channel ?? "email", recipient!, draft.Language, ct);
        if (refusal is not null)
        {
            if (refusal.Errors.TryGetValue("recipient", out var bad))
                return Problems.Field("recipient", request.Channel == "sms"
                    ? new Reason("mobile-number", bad.FirstOrDefault() ?? "A mobile number in international form, e.g. +41 79 123 45 67.")
                    : new Reason("email", bad.FirstOrDefault() ?? "Enter a valid e-mail address."));
            if (refusal.RetryAfter is { } wait) http.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Signer.Relayed(refusal);
        }

        draft.TanId = tan!.TanId;
        draft.TanChannel = tan.Channel;
        draft.TanRecipient = tan.MaskedRecipient;
        draft.TanRequestedAt = now;
        draft.TanRequests++;
        draft.UpdatedAt = now;
        await services.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new TanSent(tan.TanId, tan.Channel, tan.MaskedRecipient, tan.ExpiresAt, hash));
    }

    /// <summary>
    /// In a consultation: the room's e-mail address, the only contact data the city holds for the resident. Without
    /// one (a queue joined without an address) the resident gives one on their own page for the code (Given); the
    /// clerk's side cannot, as it cannot type into the form's address for it either (phone probe, finding 1: a
    /// resident who cannot draw could not sign at all).
    /// </summary>
    private static async Task<(string? Recipient, bool Given, IResult? Problem)> RoomRecipientAsync(
        Guid sessionId, Draft draft, TanRequest request, HttpContext http, IConfiguration configuration, TanServices codes, CancellationToken ct)
    {
        // Asked as the service "forms" for the draft's department, as the identity consumer does: the resident's
        // token is not at hand when the clerk's side asks, and sessions applies its department rule either way.
        RoomView? room;
        try
        {
            // The resident's own token opens the room wherever it was transferred; the form's department may no longer see it.
            room = DraftAccess.ResidentToken(http) is { } residentToken
                ? await codes.Rooms.CurrentAsync(residentToken, ct, fresh: true)
                : (await codes.Sessions.ForStaffAsync(sessionId, "Bearer " + InternalToken.IssueForService(configuration, "forms", [draft.DepartmentKey]), ct)).Room;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            codes.Logger.LogWarning(ex, "Sessions did not answer for the room of draft {DraftId}.", draft.Id);
            return (null, false, Problems.Status(StatusCodes.Status503ServiceUnavailable, "Consultations unavailable", new Reason("try-again", "Please try again in a moment.")));
        }
        if (room is null) return (null, false, Problems.Conflict(new Reason("form-consultation-gone", "The consultation of this form is no longer available.")));
        // The room holds no phone number: an SMS would go to a number the resident typed, so it is refused.
        if ((request.Channel ?? "email") != "email") return (null, false, Problems.Field("channel", new Reason("email-channel-only", "In a consultation the code goes to the e-mail address of your booking.")));
        if (room.Email?.Trim() is { Length: > 0 } held) return (held, false, null);
        // None on file: only the resident gives one, with the room's own link (staff hold no such link).
        if (http.User.IsStaff() || DraftAccess.ResidentToken(http) is null)
            return (null, false, Problems.Field("recipient", new Reason("no-email-on-file", "There is no e-mail address on file for this consultation; the resident gives one for the code on their own screen.")));
        if (request.Recipient?.Trim() is not { Length: > 0 } typed)
            return (null, false, Problems.Field("recipient", new Reason("email-for-code", "Enter your e-mail address to receive the code.")));
        if (EmailAddresses.Normalize(typed) is not { } address) return (null, false, Problems.Field("recipient", Reasons.Email));
        return (address, true, null);
    }

    /// <summary>
    /// A stand-alone form: its own e-mail address (where the dossier's mails go too), or the mobile number given, if
    /// it is one of the countries the city sends SMS to (<see cref="CodeLimits.SmsPrefixes"/>).
    /// </summary>
    private static (string? Recipient, IResult? Problem) FormRecipient(FormDefinition definition, Dictionary<string, JsonElement> values, TanRequest request, CodeLimits limits)
    {
        switch (request.Channel ?? "email")
        {
            case "email":
                var emailField = definition.Leaves().First(f => f.Type == "email").Id;
                var recipient = values.TryGetValue(emailField, out var email) && email.ValueKind == JsonValueKind.String ? email.GetString()!.Trim() : "";
                if (recipient.Length == 0) return (null, Problems.Field(emailField, new Reason("email-for-code", "Enter your e-mail address to receive the code.")));
                return (recipient, null);
            case "sms":
                if (request.Recipient?.Trim() is not { Length: > 0 } phone) return (null, Problems.Field("recipient", new Reason("mobile-number", "Enter a mobile number in international form, e.g. +41 79 123 45 67.")));
                if (!limits.SmsAllowed(phone))
                    return (null, Problems.Field("recipient", new Reason("sms-country", $"Codes go by SMS only to numbers starting with {string.Join(", ", limits.SmsPrefixes)}; choose e-mail otherwise.")
                        .With("prefixes", string.Join(", ", limits.SmsPrefixes))));
                return (phone, null);
            default:
                return (null, Problems.Field("channel", new Reason("channel", "Choose \"email\" or \"sms\".")));
        }
    }

    /// <summary>Each code may cost an SMS: a few per draft, not in a burst (identity also limits per recipient).</summary>
    private static IResult? TooManyCodes(Draft draft, DateTimeOffset now, HttpResponse response)
    {
        if (draft.TanRequests < MaxTansPerDraft && !(draft.TanRequestedAt > now - TanInterval)) return null;
        var wait = draft.TanRequests >= MaxTansPerDraft ? (TimeSpan?)null : draft.TanRequestedAt!.Value + TanInterval - now;
        if (wait is { } w) response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(w.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many codes requested.",
            wait is null
                ? new Reason("tan-limit", $"At most {MaxTansPerDraft} codes per form: please sign by hand.").With("max", MaxTansPerDraft)
                : new Reason("tan-wait", "Please use the code you received, or wait a moment for a new one."),
            new Dictionary<string, object?> { ["reason"] = "tooMany" });
    }

    /// <summary>
    /// Submits the signed content. With a signature in the body it signs first (one step for the resident);
    /// without, the stored signature must still cover the current content, else 409.
    /// </summary>
    public static async Task<IResult> Submit(
        Guid id, SignRequest? request, HttpContext http, [AsParameters] SigningServices services, Signer signer, Submitter submitter)
    {
        var ct = http.RequestAborted;
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        var (draft, definition, values, hash, problem) = await SignableAsync(id, http, services, ct);
        if (problem is not null) return problem;
        // One dossier per form and consultation, whichever draft of it a page still holds.
        if (draft.SessionId is { } session && await services.Db.Dossiers.AnyAsync(d => d.SessionId == session && d.DefinitionId == draft.DefinitionId, ct))
            return Problems.Conflict(new Reason("form-submitted-in-consultation", "This form was already submitted in this consultation."));

        if (request?.Signature is not null && await signer.SignAsync(draft!, hash, request, http.Request, ct) is { } refused) return refused;
        if (draft!.SignatureKind is null || draft.SignatureContentSha256 != hash)
            return Problems.Conflict(new Reason("form-not-signed", "The form is not signed in its current state. A change after signing invalidates the signature: please sign again."),
                new Dictionary<string, object?> { ["contentSha256"] = hash });

        var submitted = await submitter.SubmitAsync(draft, definition!, values, hash, ct);
        await tx.CommitAsync(ct);

        await services.Events.PublishAsync(id, new { type = "submitted", reference = submitted.Reference });
        return TypedResults.Ok(new SubmitResponse(submitted.DossierId, submitted.Reference, hash, submitted.StatusToken, PublicLinks.To(services.Configuration, $"/dossier.html#t={submitted.StatusToken}")));
    }

    /// <summary>The draft locked for this transaction, valid, with its values and the hash a signature covers; or the problem.</summary>
    private static async Task<(Draft, FormDefinition, Dictionary<string, JsonElement>, string, IResult?)> SignableAsync(
        Guid id, HttpContext http, SigningServices services, CancellationToken ct)
    {
        var (draft, definition, problem) = await LockedAsync(id, http, services, ct);
        if (problem is not null) return (null!, null!, null!, "", problem);
        var values = DraftStore.Values(draft!);
        var errors = services.Catalog.Validate(definition!, values, services.Clock.Today, Language.Of(http.Request));
        if (errors.Count > 0) return (null!, null!, null!, "", RuleProblems.From(errors));
        return (draft!, definition!, values, ContentHash.Compute(definition!, values), null);
    }

    private static async Task<(Draft?, FormDefinition?, IResult?)> LockedAsync(Guid id, HttpContext http, SigningServices services, CancellationToken ct)
    {
        var (db, access, catalog) = (services.Db, services.Access, services.Catalog);
        var status = await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM drafts WHERE id = {id} FOR UPDATE").ToListAsync(ct);
        var draft = status.Count == 0 ? null : await db.Drafts.Include(d => d.Fields).FirstAsync(d => d.Id == id, ct);
        var actor = draft is null ? null : await access.ActorAsync(http, draft);
        if (draft is null || actor is null || catalog.Find(draft.DefinitionId) is not { } definition)
            return (null, null, Problems.NotFound(new Reason("no-draft", $"No draft {id}.")));
        // Signing, a code and the submission are writes too: not once the consultation is over.
        if (!actor.RoomOpen) return (null, null, DraftAccess.Closed());
        if (draft.Status != Draft.Open) return (null, null, Problems.Conflict(new Reason("form-submitted", "The form was already submitted.")));
        return (draft, definition, null);
    }
}
