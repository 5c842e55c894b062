using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Drafts;
using Municipal.Form.Model;
using Municipal.Form.Realtime;
using Municipal.Form.Rules;
using Municipal.Form.Signing;

namespace Municipal.Form.Apis;

/// <summary>Signing a draft (drawn or by TAN) and submitting it, both under the draft's exclusive lock.</summary>
public static class SigningApi
{
    public sealed record Signed(string Kind, string ContentSha256, DateTimeOffset SignedAt, string Summary);

    public sealed record SubmitResponse(Guid DossierId, string Reference, string ContentSha256, string StatusToken, string StatusUrl);

    public static RouteGroupBuilder MapSigningApi(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("/drafts").AllowAnonymous();
        drafts.MapPost("/{id:guid}/signature", Sign);
        drafts.MapPost("/{id:guid}/submit", Submit);
        return api;
    }

    public static async Task<IResult> Sign(Guid id, SignRequest request, HttpContext http, FormDb db, DraftAccess access, FormCatalog catalog, Signer signer, CityClock clock, DraftEvents events)
    {
        var ct = http.RequestAborted;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (draft, definition, problem) = await LockedAsync(id, http, db, access, catalog, ct);
        if (problem is not null) return problem;

        var values = DraftStore.Values(draft!);
        var errors = RuleEngine.Validate(definition!, values, clock.Today, Language.Of(http.Request));
        if (errors.Count > 0) return Problems.Fields(errors);
        var hash = ContentHash.Compute(definition!, values);
        if (await signer.SignAsync(draft!, hash, request, http.Request, ct) is { } refused) return refused;
        await tx.CommitAsync(ct);

        await events.PublishAsync(id, new { type = "signature", state = "signed", kind = draft!.SignatureKind, contentSha256 = hash });
        return TypedResults.Ok(new Signed(draft.SignatureKind!, hash, draft.SignedAt!.Value, draft.SignatureSummary!));
    }

    /// <summary>
    /// Submits the signed content. With a signature in the body it signs first (one step for the resident);
    /// without, the stored signature must still cover the current content, else 409.
    /// </summary>
    public static async Task<IResult> Submit(Guid id, SignRequest? request, HttpContext http, FormDb db, DraftAccess access, FormCatalog catalog,
        Signer signer, Submitter submitter, CityClock clock, DraftEvents events, IConfiguration configuration)
    {
        var ct = http.RequestAborted;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (draft, definition, problem) = await LockedAsync(id, http, db, access, catalog, ct);
        if (problem is not null) return problem;

        var values = DraftStore.Values(draft!);
        var errors = RuleEngine.Validate(definition!, values, clock.Today, Language.Of(http.Request));
        if (errors.Count > 0) return Problems.Fields(errors);
        var hash = ContentHash.Compute(definition!, values);

        if (request?.Signature is not null && await signer.SignAsync(draft!, hash, request, http.Request, ct) is { } refused) return refused;
        if (draft!.SignatureKind is null || draft.SignatureContentSha256 != hash)
            return Problems.Conflict("The form is not signed in its current state.", "A change after signing invalidates the signature: please sign again.",
                new Dictionary<string, object?> { ["contentSha256"] = hash });

        var submitted = await submitter.SubmitAsync(draft, definition!, values, hash, ct);
        await tx.CommitAsync(ct);

        await events.PublishAsync(id, new { type = "submitted", reference = submitted.Reference });
        var baseUrl = (configuration["PublicBaseUrl"] ?? "").TrimEnd('/');
        return TypedResults.Ok(new SubmitResponse(submitted.DossierId, submitted.Reference, hash, submitted.StatusToken, $"{baseUrl}/dossier.html#t={submitted.StatusToken}"));
    }

    private static async Task<(Draft?, FormDefinition?, IResult?)> LockedAsync(Guid id, HttpContext http, FormDb db, DraftAccess access, FormCatalog catalog, CancellationToken ct)
    {
        var status = await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM drafts WHERE id = {id} FOR UPDATE").ToListAsync(ct);
        var draft = status.Count == 0 ? null : await db.Drafts.Include(d => d.Fields).FirstAsync(d => d.Id == id, ct);
        if (draft is null || await access.ActorAsync(http, draft) is null || catalog.Find(draft.DefinitionId) is not { } definition)
            return (null, null, Problems.NotFound("draft", id));
        if (draft.Status != Draft.Open) return (null, null, Problems.Conflict("The form was already submitted."));
        return (draft, definition, null);
    }
}
