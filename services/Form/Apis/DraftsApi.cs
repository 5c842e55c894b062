using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Sessions;
using Municipal.Form.Clients;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Drafts;
using Municipal.Form.Model;
using Municipal.Form.Realtime;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults.Sessions;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Apis;

/// <summary>
/// Drafts filled alone (the resident gets a draft token) or together in a consultation (bound to the room), field
/// by field with per-field versions. Every change is announced on the draft's event stream.
/// </summary>
public static class DraftsApi
{
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromDays(30);

    // JSON null: a cleared field.
    private static readonly JsonElement Cleared = JsonDocument.Parse("null").RootElement;

    public sealed record CreateDraft(string? DefinitionId, Guid? SessionId, string? Language);

    public sealed record FieldEdit(JsonElement? Value, int? BaseVersion, string? ClientId);

    public sealed record FieldsEdit(Dictionary<string, FieldEdit>? Fields, string? ClientId);

    public sealed record Presence(string? Kind, string? Field, string? ClientId);

    public sealed record FieldWritten(string Field, int Version, JsonElement Value, bool SignatureInvalidated);

    public static RouteGroupBuilder MapDraftsApi(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("/drafts").AllowAnonymous();
        drafts.MapPost("/", Create);
        drafts.MapGet("/room", ForRoom);
        drafts.MapGet("/{id:guid}", Get);
        drafts.MapPut("/{id:guid}", PutFields);
        drafts.MapPatch("/{id:guid}/fields/{field}", PatchField);
        drafts.MapPost("/{id:guid}/presence", Announce);
        drafts.MapGet("/{id:guid}/events", Events);
        return api;
    }

    public static async Task<Results<Created<DraftView>, Ok<DraftView>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult, ForbidHttpResult>> Create(
        CreateDraft request, HttpContext http, FormDb db, FormCatalog catalog, RoomDirectory rooms, SessionsClient sessions, Prefill prefill, DraftStore store, CityClock clock)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionId)) return Problems.Field("definitionId", new Reason("form-required", "Choose a form."));
        if (catalog.Find(request.DefinitionId) is not { } definition) return Problems.Field("definitionId", new Reason("no-form", $"There is no form {request.DefinitionId}.").With("key", request.DefinitionId));
        var ct = http.RequestAborted;
        var language = Languages.IsKnown(request.Language) ? request.Language! : Language.Of(http.Request);

        RoomView? room = null;
        if (request.SessionId is { } sessionId)
        {
            if (http.User.IsStaff())
            {
                var lookup = await sessions.ForStaffAsync(sessionId, http.Request.Headers.Authorization.ToString(), ct);
                if (lookup.Result == RoomLookupResult.NotFound) return Problems.NotFound(new Reason("no-consultation", $"No consultation {sessionId}."));
                room = lookup.Room;
                // The room's own concern's form goes with the room: after a transfer to another department the clerk
                // there continues it. Any other form needs the form's own department.
                if (room is null || !http.User.CanActFor(room.DepartmentKey)
                    || !(http.User.CanActFor(definition.DepartmentKey) || definition.ConcernKey == room.ConcernKey)) return TypedResults.Forbid();
            }
            else
            {
                if (DraftAccess.ResidentToken(http) is not { } token) return TypedResults.Unauthorized();
                room = await rooms.CurrentAsync(token, ct, fresh: true);
                if (room is null || room.Id != sessionId) return TypedResults.Unauthorized();
                // Only an open consultation's link opens forms; the ended room's page still shows its feedback.
                if (!room.IsOpen) return Problems.Status(StatusCodes.Status410Gone, "Consultation closed", new Reason("consultation-closed-forms", "This consultation has ended; forms open only while it runs."));
            }
            language = Languages.IsKnown(room.Language) ? room.Language! : language;

            // Clerk and resident open the same draft: the first call creates it, later ones join it. One form is
            // submitted once per consultation: once it is, opening it again (a colleague after a transfer) shows the
            // dossier it became instead of a blank form that would make a second one.
            var existing = await db.Drafts.AsNoTracking().Include(d => d.Fields)
                .Where(d => d.SessionId == sessionId && d.DefinitionId == definition.Id)
                .OrderBy(d => d.Status == Draft.Open ? 0 : 1).ThenByDescending(d => d.UpdatedAt)
                .FirstOrDefaultAsync(ct);
            if (existing is not null) return TypedResults.Ok(await WithDossierAsync(db, DraftView.Of(existing, definition, clock.Today, language), ct));
        }
        else if (http.User.IsStaff())
        {
            return Problems.Field("sessionId", new Reason("staff-need-session", "Staff open forms within a consultation."));
        }

        var now = clock.Now;
        string? draftToken = request.SessionId is null ? CapabilityToken.Create() : null;
        var draft = new Draft
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            ConcernKey = definition.ConcernKey,
            DepartmentKey = definition.DepartmentKey,
            SessionId = request.SessionId,
            TokenHash = draftToken is null ? null : CapabilityToken.Hash(draftToken),
            ExpiresAt = now + DraftLifetime,
            Language = language,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (field, value) in await prefill.ForAsync(definition, room, request.SessionId, ct))
        {
            draft.Fields.Add(new DraftField { Field = field, Value = value.GetRawText(), Version = 1, UpdatedBy = "prefill", UpdatedAt = now });
        }
        db.Drafts.Add(draft);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (request.SessionId is not null)
        {
            // The other party opened the same form at the same moment: join theirs.
            db.ChangeTracker.Clear();
            var theirs = await db.Drafts.AsNoTracking().Include(d => d.Fields)
                .FirstAsync(d => d.SessionId == request.SessionId && d.DefinitionId == definition.Id && d.Status == Draft.Open, ct);
            return TypedResults.Ok(DraftView.Of(theirs, definition, clock.Today, language));
        }
        var view = DraftView.Of(draft, definition, clock.Today, language, draftToken);
        return TypedResults.Created($"/api/forms/drafts/{draft.Id}", view);
    }

    /// <summary>
    /// The open draft of the resident's current consultation, so a resident who joins late sees the form the clerk
    /// opened; without one, the last submitted draft with its dossier, so a reloaded page shows what was submitted.
    /// </summary>
    public static async Task<Results<Ok<DraftView>, NoContent, UnauthorizedHttpResult>> ForRoom(HttpContext http, FormDb db, FormCatalog catalog, RoomDirectory rooms, CityClock clock)
    {
        if (DraftAccess.ResidentToken(http) is not { } token || await rooms.CurrentAsync(token, http.RequestAborted) is not { } room) return TypedResults.Unauthorized();
        var draft = await db.Drafts.AsNoTracking().Include(d => d.Fields)
            .Where(d => d.SessionId == room.Id)
            .OrderBy(d => d.Status == Draft.Open ? 0 : 1).ThenByDescending(d => d.UpdatedAt)
            .FirstOrDefaultAsync(http.RequestAborted);
        if (draft is null || catalog.Find(draft.DefinitionId) is not { } definition) return TypedResults.NoContent();
        return TypedResults.Ok(await WithDossierAsync(db, DraftView.Of(draft, definition, clock.Today, Language.Of(http.Request)), http.RequestAborted));
    }

    /// <summary>A submitted draft's view names the dossier it became.</summary>
    public static async Task<DraftView> WithDossierAsync(FormDb db, DraftView view, CancellationToken ct)
    {
        if (view.Status != Draft.Submitted) return view;
        var dossier = await db.Dossiers.AsNoTracking().Where(d => d.DraftId == view.Id)
            .Select(d => new SubmittedAs(d.Id, d.Reference, d.Status, d.SubmittedAt)).FirstOrDefaultAsync(ct);
        return view with { Dossier = dossier };
    }

    public static async Task<Results<Ok<DraftView>, ProblemHttpResult>> Get(Guid id, HttpContext http, FormDb db, DraftStore store, DraftAccess access, FormCatalog catalog, CityClock clock)
    {
        var draft = await store.LoadAsync(id, http.RequestAborted);
        if (draft is null || await access.ActorAsync(http, draft, write: false) is null || catalog.Find(draft.DefinitionId) is not { } definition) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        return TypedResults.Ok(await WithDossierAsync(db, DraftView.Of(draft, definition, clock.Today, Language.Of(http.Request)), http.RequestAborted));
    }

    public static async Task<Results<Ok<FieldWritten>, ProblemHttpResult, ValidationProblem>> PatchField(
        Guid id, string field, FieldEdit edit, HttpContext http, FormDb db, DraftStore store, DraftAccess access, FormCatalog catalog, DraftEvents events)
    {
        var ct = http.RequestAborted;
        var draft = await store.LoadAsync(id, ct);
        if (draft is null || await access.ActorAsync(http, draft) is not { } actor || catalog.Find(draft.DefinitionId) is not { } definition) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        if (definition.Leaf(field) is null) return Problems.Field("field", new Reason("no-field", $"The form has no field {field}.").With("key", field));
        var value = edit.Value ?? Cleared;
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number or JsonValueKind.Null))
            return Problems.Field("value", new Reason("field-value-type", "A field value is text, a number, true/false or null."));
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 10_000) return Problems.Field("value", Reasons.TooLong(10_000));
        if (edit.BaseVersion is not { } baseVersion || baseVersion < 0) return Problems.Field("baseVersion", new Reason("base-version", "The version the edit is based on is required (0 for a new field)."));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await store.LockAsync(id, exclusive: false, ct) != Draft.Open) return Problems.Conflict(new Reason("form-submitted", "The form was already submitted."));
        var write = await store.WriteAsync(id, field, value, baseVersion, actor.Role, ct);
        if (!write.Written)
        {
            await tx.RollbackAsync(ct);
            return Problems.Conflict(new Reason("field-changed", "Someone else changed this field. The field holds a newer value; it is returned with its version."),
                new Dictionary<string, object?> { ["field"] = field, ["value"] = write.Value, ["version"] = write.Version });
        }
        var invalidated = await store.InvalidateSignatureAsync(id, ct);
        await tx.CommitAsync(ct);

        await events.PublishAsync(id, new { type = "field", field, value, version = write.Version, by = actor.Role, clientId = edit.ClientId });
        if (invalidated) await events.PublishAsync(id, new { type = "signature", state = "invalidated" });
        return TypedResults.Ok(new FieldWritten(field, write.Version, value, invalidated));
    }

    /// <summary>Several fields at once, all or nothing, each with its own base version (e.g. an address pasted whole).</summary>
    public static async Task<Results<Ok<List<FieldWritten>>, ProblemHttpResult, ValidationProblem>> PutFields(
        Guid id, FieldsEdit edit, HttpContext http, FormDb db, DraftStore store, DraftAccess access, FormCatalog catalog, DraftEvents events)
    {
        var ct = http.RequestAborted;
        var draft = await store.LoadAsync(id, ct);
        if (draft is null || await access.ActorAsync(http, draft) is not { } actor || catalog.Find(draft.DefinitionId) is not { } definition) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        if (edit.Fields is not { Count: > 0 } fields) return Problems.Field("fields", new Reason("name-fields", "Name at least one field."));
        foreach (var (field, one) in fields)
        {
            if (definition.Leaf(field) is null) return Problems.Field($"fields.{field}", new Reason("no-field", $"The form has no field {field}.").With("key", field));
            if ((one.Value ?? Cleared).ValueKind is not (JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number or JsonValueKind.Null))
                return Problems.Field($"fields.{field}.value", new Reason("field-value-type", "A field value is text, a number, true/false or null."));
            if (one.BaseVersion is not >= 0) return Problems.Field($"fields.{field}.baseVersion", new Reason("base-version", "The version the edit is based on is required."));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await store.LockAsync(id, exclusive: false, ct) != Draft.Open) return Problems.Conflict(new Reason("form-submitted", "The form was already submitted."));
        var written = new List<FieldWrite>();
        foreach (var (field, one) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var write = await store.WriteAsync(id, field, one.Value ?? Cleared, one.BaseVersion!.Value, actor.Role, ct);
            if (!write.Written)
            {
                await tx.RollbackAsync(ct);
                return Problems.Conflict(new Reason("field-changed", "Someone else changed a field."),
                    new Dictionary<string, object?> { ["field"] = field, ["value"] = write.Value, ["version"] = write.Version });
            }
            written.Add(write);
        }
        var invalidated = await store.InvalidateSignatureAsync(id, ct);
        await tx.CommitAsync(ct);

        foreach (var w in written) await events.PublishAsync(id, new { type = "field", field = w.Field, value = w.Value, version = w.Version, by = actor.Role, clientId = edit.ClientId });
        if (invalidated) await events.PublishAsync(id, new { type = "signature", state = "invalidated" });
        return TypedResults.Ok(written.Select(w => new FieldWritten(w.Field, w.Version, w.Value, invalidated)).ToList());
    }

    /// <summary>Who is editing which field, and the clerk pointing at one: announced, never stored.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Announce(
        Guid id, Presence presence, HttpContext http, DraftStore store, DraftAccess access, FormCatalog catalog, DraftEvents events)
    {
        var draft = await store.LoadAsync(id, http.RequestAborted);
        if (draft is null || await access.ActorAsync(http, draft) is not { } actor || catalog.Find(draft.DefinitionId) is not { } definition) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        if (presence.Kind is not ("focus" or "blur" or "point")) return Problems.Field("kind", new Reason("presence-kind", "focus, blur or point"));
        if (presence.Kind == "point" && actor.Role != DraftActor.Clerk) return Problems.Field("kind", new Reason("clerk-points", "Only the clerk points at fields."));
        if (presence.Field is not null && definition.Leaf(presence.Field) is null) return Problems.Field("field", new Reason("no-field", $"The form has no field {presence.Field}.").With("key", presence.Field));
        await events.PublishAsync(id, new { type = "presence", kind = presence.Kind, field = presence.Field, by = actor.Role, clientId = presence.ClientId });
        return TypedResults.NoContent();
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Events(Guid id, HttpContext http, DraftStore store, DraftAccess access, DraftEvents events)
    {
        var draft = await store.LoadAsync(id, http.RequestAborted);
        if (draft is null || await access.ActorAsync(http, draft, write: false) is null) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        await DraftEventStream.WriteAsync(http, events, id);
        return TypedResults.Empty;
    }
}
