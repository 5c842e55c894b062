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

    public static async Task<Results<Created<DraftView>, Ok<DraftView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateDraft request, HttpContext http, [AsParameters] DraftServices services, RoomDirectory rooms, SessionsClient sessions, Prefill prefill)
    {
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);
        if (services.Catalog.Find(request.DefinitionId!) is not { } definition) return Problems.Field("definitionId", new Reason("no-form", $"There is no form {request.DefinitionId}.").With("key", request.DefinitionId));
        // The confirmation of a consultation exists only in one: alone there is nothing it could confirm.
        if (definition.ForAnyConcern && request.SessionId is null) return Problems.Field("definitionId", new Reason("no-form", $"There is no form {request.DefinitionId}.").With("key", request.DefinitionId));
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
                    || !(http.User.CanActFor(definition.DepartmentKey) || definition.ConcernKey == room.ConcernKey || definition.ForAnyConcern))
                    return Problems.Forbidden(new Reason("not-your-department", "Only staff of the consultation's department open forms in it, and only their department's forms."));
            }
            else
            {
                if (DraftAccess.ResidentToken(http) is not { } token) return Problems.MissingToken();
                room = await rooms.CurrentAsync(token, ct, fresh: true);
                if (room is null || room.Id != sessionId) return Problems.InvalidToken();
                // Only an open consultation's link opens forms; the ended room's page still shows its feedback.
                if (!room.IsOpen) return Problems.Status(StatusCodes.Status410Gone, "Consultation closed", new Reason("consultation-closed-forms", "This consultation has ended; forms open only while it runs."));
                // The resident opens the forms the clerk could: the room's concern's, or one of its department's. Another
                // department's form would become the room's form (the newest open draft) in place of the clerk's.
                if (definition.DepartmentKey != room.DepartmentKey && definition.ConcernKey != room.ConcernKey && !definition.ForAnyConcern)
                    return Problems.Forbidden(new Reason("form-not-of-consultation", "This form belongs to another department than your consultation."));
            }
            language = Languages.IsKnown(room.Language) ? room.Language! : language;

            // Clerk and resident open the same draft: the first call creates it, later ones join it. One form is
            // submitted once per consultation: once it is, opening it again (a colleague after a transfer) shows the
            // dossier it became instead of a blank form that would make a second one.
            var existing = await services.Db.Drafts.AsNoTracking().Include(d => d.Fields)
                .Where(d => d.SessionId == sessionId && d.DefinitionId == definition.Id)
                .OrderBy(d => d.Status == Draft.Open ? 0 : 1).ThenByDescending(d => d.UpdatedAt)
                .FirstOrDefaultAsync(ct);
            if (existing is not null) return TypedResults.Ok(await WithDossierAsync(services.Db, DraftView.Of(existing, definition, services.Catalog, services.Clock.Today, language), ct));
        }
        else if (http.User.IsStaff())
        {
            return Problems.Field("sessionId", new Reason("staff-need-session", "Staff open forms within a consultation."));
        }

        var now = services.Clock.Now;
        string? draftToken = request.SessionId is null ? CapabilityToken.Create() : null;
        var draft = new Draft
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            // The confirmation of a consultation belongs to the consultation's concern and department.
            ConcernKey = definition.ForAnyConcern ? room!.ConcernKey : definition.ConcernKey,
            DepartmentKey = definition.ForAnyConcern ? room!.DepartmentKey : definition.DepartmentKey,
            SessionId = request.SessionId,
            TokenHash = draftToken is null ? null : CapabilityToken.Hash(draftToken),
            ExpiresAt = now + DraftLifetime,
            Language = language,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (field, value) in await prefill.ForAsync(definition, room, request.SessionId, ct, language))
        {
            draft.Fields.Add(new DraftField { Field = field, Value = value.GetRawText(), Version = 1, UpdatedBy = "prefill", UpdatedAt = now });
        }
        services.Db.Drafts.Add(draft);
        try
        {
            await services.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (request.SessionId is not null)
        {
            // The other party opened the same form at the same moment: join theirs.
            services.Db.ChangeTracker.Clear();
            var theirs = await services.Db.Drafts.AsNoTracking().Include(d => d.Fields)
                .FirstAsync(d => d.SessionId == request.SessionId && d.DefinitionId == definition.Id && d.Status == Draft.Open, ct);
            return TypedResults.Ok(DraftView.Of(theirs, definition, services.Catalog, services.Clock.Today, language));
        }
        var view = DraftView.Of(draft, definition, services.Catalog, services.Clock.Today, language, draftToken);
        return TypedResults.Created($"/api/forms/drafts/{draft.Id}", view);
    }

    /// <summary>
    /// The open draft of the resident's current consultation, so a resident who joins late sees the form the clerk
    /// opened; without one, the last submitted draft with its dossier, so a reloaded page shows what was submitted.
    /// </summary>
    public static async Task<Results<Ok<DraftView>, NoContent, ProblemHttpResult>> ForRoom(HttpContext http, FormDb db, FormCatalog catalog, RoomDirectory rooms, CityClock clock)
    {
        if (DraftAccess.ResidentToken(http) is not { } token) return Problems.MissingToken();
        if (await rooms.CurrentAsync(token, http.RequestAborted) is not { } room) return Problems.InvalidToken();
        var draft = await db.Drafts.AsNoTracking().Include(d => d.Fields)
            .Where(d => d.SessionId == room.Id)
            .OrderBy(d => d.Status == Draft.Open ? 0 : 1).ThenByDescending(d => d.UpdatedAt)
            .FirstOrDefaultAsync(http.RequestAborted);
        if (draft is null || catalog.Find(draft.DefinitionId) is not { } definition) return TypedResults.NoContent();
        return TypedResults.Ok(await WithDossierAsync(db, DraftView.Of(draft, definition, catalog, clock.Today, Language.Of(http.Request)), http.RequestAborted));
    }

    /// <summary>A submitted draft's view names the dossier it became.</summary>
    public static async Task<DraftView> WithDossierAsync(FormDb db, DraftView view, CancellationToken ct)
    {
        if (view.Status != Draft.Submitted) return view;
        var dossier = await db.Dossiers.AsNoTracking().Where(d => d.DraftId == view.Id)
            .Select(d => new SubmittedAs(d.Id, d.Reference, d.Status, d.SubmittedAt)).FirstOrDefaultAsync(ct);
        return view with { Dossier = dossier };
    }

    public static async Task<Results<Ok<DraftView>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, [AsParameters] DraftServices services)
    {
        var draft = await services.Store.LoadAsync(id, http.RequestAborted);
        if (draft is null || await services.Access.ActorAsync(http, draft, write: false) is null || services.Catalog.Find(draft.DefinitionId) is not { } definition) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        return TypedResults.Ok(await WithDossierAsync(services.Db, DraftView.Of(draft, definition, services.Catalog, services.Clock.Today, Language.Of(http.Request)), http.RequestAborted));
    }

    public static async Task<Results<Ok<FieldWritten>, ProblemHttpResult, ValidationProblem>> PatchField(
        Guid id, string field, FieldEdit edit, HttpContext http, [AsParameters] DraftServices services)
    {
        var ct = http.RequestAborted;
        var draft = await services.Store.LoadAsync(id, ct);
        if (draft is null || await services.Access.ActorAsync(http, draft) is not { } actor || services.Catalog.Find(draft.DefinitionId) is not { } definition) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        if (!actor.RoomOpen) return DraftAccess.Closed();
        if (definition.Leaf(field) is not { } leaf) return Problems.Field("field", new Reason("no-field", $"The form has no field {field}.").With("key", field));
        if (edit.Validate(leaf) is { Count: > 0 } errors) return Problems.Fields(errors);
        var (value, baseVersion) = (edit.ValueOrCleared, edit.BaseVersion!.Value);

        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        if (await services.Store.LockAsync(id, exclusive: false, ct) != Draft.Open) return Problems.Conflict(new Reason("form-submitted", "The form was already submitted."));
        var write = await services.Store.WriteAsync(id, field, value, baseVersion, actor.Role, ct);
        if (!write.Written)
        {
            await tx.RollbackAsync(ct);
            return Problems.Conflict(new Reason("field-changed", "Someone else changed this field. The field holds a newer value; it is returned with its version."),
                new Dictionary<string, object?> { ["field"] = field, ["value"] = write.Value, ["version"] = write.Version });
        }
        var invalidated = await services.Store.InvalidateSignatureAsync(id, ct);
        await tx.CommitAsync(ct);

        await services.Events.PublishAsync(id, new { type = "field", field, value, version = write.Version, by = actor.Role, clientId = edit.ClientId });
        if (invalidated) await services.Events.PublishAsync(id, new { type = "signature", state = "invalidated" });
        return TypedResults.Ok(new FieldWritten(field, write.Version, value, invalidated));
    }

    /// <summary>Several fields at once, all or nothing, each with its own base version (e.g. an address pasted whole).</summary>
    public static async Task<Results<Ok<List<FieldWritten>>, ProblemHttpResult, ValidationProblem>> PutFields(
        Guid id, FieldsEdit edit, HttpContext http, [AsParameters] DraftServices services)
    {
        var ct = http.RequestAborted;
        var draft = await services.Store.LoadAsync(id, ct);
        if (draft is null || await services.Access.ActorAsync(http, draft) is not { } actor || services.Catalog.Find(draft.DefinitionId) is not { } definition) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        if (!actor.RoomOpen) return DraftAccess.Closed();
        if (edit.Validate(definition) is { Count: > 0 } errors) return Problems.Fields(errors);
        var fields = edit.Fields!;

        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        if (await services.Store.LockAsync(id, exclusive: false, ct) != Draft.Open) return Problems.Conflict(new Reason("form-submitted", "The form was already submitted."));
        var written = new List<FieldWrite>();
        foreach (var (field, one) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var write = await services.Store.WriteAsync(id, field, one.ValueOrCleared, one.BaseVersion!.Value, actor.Role, ct);
            if (!write.Written)
            {
                await tx.RollbackAsync(ct);
                return Problems.Conflict(new Reason("field-changed", "Someone else changed a field."),
                    new Dictionary<string, object?> { ["field"] = field, ["value"] = write.Value, ["version"] = write.Version });
            }
            written.Add(write);
        }
        var invalidated = await services.Store.InvalidateSignatureAsync(id, ct);
        await tx.CommitAsync(ct);

        foreach (var w in written) await services.Events.PublishAsync(id, new { type = "field", field = w.Field, value = w.Value, version = w.Version, by = actor.Role, clientId = edit.ClientId });
        if (invalidated) await services.Events.PublishAsync(id, new { type = "signature", state = "invalidated" });
        return TypedResults.Ok(written.Select(w => new FieldWritten(w.Field, w.Version, w.Value, invalidated)).ToList());
    }

    /// <summary>Who is editing which field, and the clerk pointing at one: announced, never stored.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Announce(
        Guid id, Presence presence, HttpContext http, [AsParameters] DraftServices services)
    {
        var draft = await services.Store.LoadAsync(id, http.RequestAborted);
        if (draft is null || await services.Access.ActorAsync(http, draft) is not { } actor || services.Catalog.Find(draft.DefinitionId) is not { } definition) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        if (!actor.RoomOpen) return DraftAccess.Closed();
        if (presence.Validate(actor, definition) is { Count: > 0 } errors) return Problems.Fields(errors);
        await services.Events.PublishAsync(id, new { type = "presence", kind = presence.Kind, field = presence.Field, by = actor.Role, clientId = presence.ClientId });
        return TypedResults.NoContent();
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Events(Guid id, HttpContext http, DraftStore store, DraftAccess access, DraftEvents events)
    {
        var draft = await store.LoadAsync(id, http.RequestAborted);
        if (draft is null || await access.ActorAsync(http, draft, write: false) is null) return Problems.NotFound(new Reason("no-draft", $"No draft {id}."));
        await DraftEventStream.WriteAsync(http, events, store, id);
        return TypedResults.Empty;
    }
}
