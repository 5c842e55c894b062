using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Forms;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Dossiers;
using Municipal.Form.Drafts;
using Municipal.Form.Model;
using Municipal.Form.Pdf;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.Form.Apis;

/// <summary>Dossiers: the resident follows one through its status link; staff list, read and move those of their departments.</summary>
public static class DossiersApi
{
    public sealed record StatusChange(string? Status, string? Note);

    public static RouteGroupBuilder MapDossiersApi(this RouteGroupBuilder api)
    {
        var dossiers = api.MapGroup("/dossiers");
        dossiers.MapGet("/mine", Mine).AllowAnonymous();
        dossiers.MapGet("/mine/pdf", MinePdf).AllowAnonymous();
        dossiers.MapGet("/", List).RequireAuthorization(StaffPolicies.Staff);
        dossiers.MapGet("/{id:guid}", Get).RequireAuthorization(StaffPolicies.Staff);
        dossiers.MapGet("/{id:guid}/pdf", Pdf).RequireAuthorization(StaffPolicies.Staff);
        dossiers.MapPost("/{id:guid}/status", ChangeStatus).RequireAuthorization(StaffPolicies.Staff);
        return api;
    }

    public static async Task<Results<Ok<ResidentDossierView>, ProblemHttpResult>> Mine(HttpContext http, FormDb db, FormCatalog catalog, CityClock clock)
    {
        if (await ByTokenAsync(http, db, clock) is not { } dossier) return Problems.NotFound(new Reason("no-dossier-for-link", "No dossier for this link."));
        var title = catalog.Find(dossier.DefinitionId)?.Title ?? new LocalizedText(dossier.DefinitionId, dossier.DefinitionId);
        return TypedResults.Ok(new ResidentDossierView(dossier.Id, dossier.Reference, title, dossier.Status, dossier.SubmittedAt, dossier.UpdatedAt,
            DossierViews.History(dossier, withStaff: false), dossier.SignatureKind, dossier.SignatureSummary,
            dossier.DepartmentKey, dossier.ConcernKey, dossier.Pdf is not null));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> MinePdf(HttpContext http, FormDb db, CityClock clock)
    {
        if (await ByTokenAsync(http, db, clock) is not { } dossier) return Problems.NotFound(new Reason("no-dossier-for-link", "No dossier for this link."));
        if (dossier.Pdf is null) return BeingPrinted();
        return TypedResults.File(dossier.Pdf, "application/pdf", $"{dossier.Reference}.pdf");
    }

    /// <summary>The PDF is printed seconds after submitting (FormSubmittedConsumer); until then, 409.</summary>
    private static ProblemHttpResult BeingPrinted() =>
        Problems.Conflict(new Reason("pdf-being-printed", "The PDF of this submission is being printed; try again in a few seconds."));

    public static async Task<Ok<List<DossierSummary>>> List(HttpContext http, FormDb db, FormCatalog catalog, string? status, string? concern)
    {
        var user = http.User;
        var departments = user.Departments();
        var query = db.Dossiers.AsNoTracking();
        if (!user.IsInRole(StaffRoles.Admin)) query = query.Where(d => departments.Contains(d.DepartmentKey));
        if (!string.IsNullOrEmpty(status)) query = query.Where(d => d.Status == status);
        if (!string.IsNullOrEmpty(concern)) query = query.Where(d => d.ConcernKey == concern);
        var rows = await query.OrderByDescending(d => d.SubmittedAt).Take(200)
            .Select(d => new Dossier
            {
                Id = d.Id, Reference = d.Reference, DefinitionId = d.DefinitionId, ConcernKey = d.ConcernKey, DepartmentKey = d.DepartmentKey,
                ApplicantName = d.ApplicantName, Status = d.Status, SubmittedAt = d.SubmittedAt, UpdatedAt = d.UpdatedAt, PdfDeliveredAt = d.PdfDeliveredAt,
                Email = "", Language = "", FieldValues = "", ContentSha256 = "", SignatureKind = "", SignatureSummary = "",
                Pdf = d.Pdf == null ? null : Array.Empty<byte>(),
            })
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(rows.Select(d => DossierViews.Summary(d, catalog)).ToList());
    }

    public static async Task<Results<Ok<DossierDetail>, ProblemHttpResult>> Get(Guid id, HttpContext http, FormDb db, FormCatalog catalog)
    {
        var dossier = await db.Dossiers.AsNoTracking().Include(d => d.History).FirstOrDefaultAsync(d => d.Id == id, http.RequestAborted);
        if (dossier is null) return NoDossier(id);
        if (!http.User.CanActFor(dossier.DepartmentKey)) return NoDossier(id);
        return TypedResults.Ok(new DossierDetail(DossierViews.Summary(dossier, catalog), dossier.Email, dossier.Language, dossier.SignatureKind,
            dossier.SignatureSummary, dossier.ContentSha256, Answers(dossier, catalog, Language.Of(http.Request)), DossierViews.History(dossier, withStaff: true),
            DossierStatus.NextOf(dossier.Status), dossier.SessionId));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(Guid id, HttpContext http, FormDb db)
    {
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, http.RequestAborted);
        if (dossier is null) return NoDossier(id);
        if (!http.User.CanActFor(dossier.DepartmentKey)) return NoDossier(id);
        if (dossier.Pdf is null) return BeingPrinted();
        return TypedResults.File(dossier.Pdf, "application/pdf", $"{dossier.Reference}.pdf");
    }

    public static async Task<Results<Ok<DossierSummary>, ProblemHttpResult, ValidationProblem>> ChangeStatus(
        Guid id, StatusChange change, HttpContext http, FormDb db, FormCatalog catalog, CityClock clock)
    {
        var ct = http.RequestAborted;
        if (change.Status is not { } to || !DossierStatus.All.Contains(to)) return Problems.Field("status", new Reason("dossier-status", $"One of: {string.Join(", ", DossierStatus.All)}.").With("statuses", string.Join(", ", DossierStatus.All)));
        var note = change.Note?.Trim();
        if (note is { Length: > 2000 }) return Problems.Field("note", Reasons.TooLong(2000));
        // The note goes to the resident in a mail, as the clerk wrote it: no controls that show it as other text.
        if (InputText.DirectionOverrideRefusal(note) is { } refused) return Problems.Field("note", refused);
        if (to == DossierStatus.NeedsInformation && string.IsNullOrEmpty(note)) return Problems.Field("note", new Reason("missing-information-note", "Tell the resident what information is needed."));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM dossiers WHERE id = {id} FOR UPDATE").ToListAsync(ct);
        if (locked.Count == 0) return NoDossier(id);
        var dossier = await db.Dossiers.FirstAsync(d => d.Id == id, ct);
        if (!http.User.CanActFor(dossier.DepartmentKey)) return NoDossier(id);
        if (!DossierStatus.CanMove(dossier.Status, to))
            return Problems.Conflict(new Reason("dossier-status-move", $"A dossier cannot move from {dossier.Status} to {to}."),
                new Dictionary<string, object?> { ["status"] = dossier.Status, ["next"] = DossierStatus.NextOf(dossier.Status) });

        var now = clock.Now;
        var from = dossier.Status;
        dossier.Status = to;
        dossier.UpdatedAt = now;
        db.DossierHistory.Add(new DossierHistoryEntry
        {
            Id = Guid.CreateVersion7(), DossierId = id, Status = to, Note = string.IsNullOrEmpty(note) ? null : note,
            StaffId = http.User.StaffId(), StaffName = http.User.StaffName(), At = now,
        });
        db.Publish(new DossierStatusChanged(id, dossier.DepartmentKey, from, to, string.IsNullOrEmpty(note) ? null : note, http.User.StaffId(), now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(DossierViews.Summary(dossier, catalog));
    }

    private static async Task<Dossier?> ByTokenAsync(HttpContext http, FormDb db, CityClock clock)
    {
        if (DraftAccess.ResidentToken(http) is not { } token) return null;
        var hash = CapabilityToken.Hash(token);
        var now = clock.Now;
        var dossierId = await db.DossierTokens.Where(t => t.TokenHash == hash && t.ExpiresAt > now).Select(t => (Guid?)t.DossierId).FirstOrDefaultAsync(http.RequestAborted);
        return dossierId is null ? null : await db.Dossiers.AsNoTracking().Include(d => d.History).FirstAsync(d => d.Id == dossierId, http.RequestAborted);
    }

    private static List<AnswerView> Answers(Dossier dossier, FormCatalog catalog, string language)
    {
        if (catalog.Find(dossier.DefinitionId) is not { } definition) return [];
        using var json = JsonDocument.Parse(dossier.FieldValues);
        var values = json.RootElement.GetProperty("values");
        var answers = new List<AnswerView>();
        foreach (var section in definition.Sections)
        foreach (var field in section.Fields)
        foreach (var leaf in field.Fields is { Count: > 0 } ? field.Fields : [field])
        {
            if (!values.TryGetProperty(leaf.Id, out var v)) continue;
            object value = v.ValueKind == JsonValueKind.True ? true : v.ToString();
            // French sets a no-break space before the colon ("Données personnelles : Nom", staff walk of 2026-12-06).
            var label = leaf == field ? leaf.Label.For(language) : $"{field.Label.For(language)}{(language == Languages.French ? "\u00a0:" : ":")} {leaf.Label.For(language)}";
            answers.Add(new AnswerView(section.Title.For(language), label, SubmissionDocument.Display(leaf, value, language)));
        }
        return answers;
    }

    /// <summary>
    /// An unknown dossier and another department's answer alike (probe, 2026-12-06: 403 for another department's, 404 for
    /// none, told a clerk which ids exist elsewhere); the document inbox answers so too.
    /// </summary>
    private static ProblemHttpResult NoDossier(Guid id) => Problems.NotFound(new Reason("no-dossier", $"No dossier {id}."));
}
