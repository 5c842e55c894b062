using Microsoft.EntityFrameworkCore;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.DocumentIntake.Jobs;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Sessions;
using Municipal.DocumentIntake.Clients;
using Municipal.DocumentIntake.Storage;
using Municipal.Contracts.Documents;

namespace Municipal.DocumentIntake.Apis;

/// <summary>
/// The department inboxes for staff. A staff member sees and acts on documents of their own departments (admins on
/// all); content is served only for documents that passed the virus scan.
/// </summary>
public static class InboxApi
{
    public static RouteGroupBuilder MapInboxApi(this RouteGroupBuilder api)
    {
        api.MapGet("/inbox", Inbox).RequireAuthorization(StaffPolicies.Staff);
        api.MapGet("/{id:guid}", Get).RequireAuthorization(StaffPolicies.Staff);
        api.MapPost("/{id:guid}/assign", Assign).RequireAuthorization(StaffPolicies.Staff);
        api.MapPost("/{id:guid}/processed", Processed).RequireAuthorization(StaffPolicies.Staff);
        api.MapPost("/{id:guid}/hand-on", HandOn).RequireAuthorization(StaffPolicies.Staff);
        api.MapGet("/{id:guid}/content", Content).RequireAuthorization(StaffPolicies.Staff);
        api.MapDelete("/{id:guid}", Delete).RequireAuthorization(StaffPolicies.Admin);
        return api;
    }

    public sealed record AssignRequest(Guid? StaffId);

    public static async Task<Results<Ok<List<DocumentView>>, ValidationProblem>> Inbox(
        [AsParameters] InboxQuery filter, HttpContext http, DocumentDb db, CancellationToken ct)
    {
        var user = http.User;
        if (filter.Validate(user) is { Count: > 0 } errors) return Problems.Fields(errors);

        var query = db.Documents.AsNoTracking().Include(d => d.Submission).Include(d => d.HandOns).Where(d => d.DeletedAt == null);
        if (filter.Department is { } department) query = query.Where(d => d.DepartmentKey == department);
        else if (!user.IsInRole(StaffRoles.Admin))
        {
            var mine = user.Departments();
            query = query.Where(d => mine.Contains(d.DepartmentKey));
        }
        if (filter.Status is { } status) query = query.Where(d => d.Status == status);
        if (filter.Assigned == "me") { var me = user.StaffId(); query = query.Where(d => d.AssignedStaffId == me); }
        if (filter.Assigned == "unassigned") query = query.Where(d => d.AssignedStaffId == null);
        if (filter.Processed is { } p) query = p ? query.Where(d => d.ProcessedAt != null) : query.Where(d => d.ProcessedAt == null);

        var documents = await query.OrderByDescending(d => d.ReceivedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(documents.Select(DocumentView.Of).ToList());
    }

    public static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> Get(Guid id, HttpContext http, DocumentDb db, SessionsClient sessions, CancellationToken ct)
    {
        var document = await FindAsync(id, http, db, ct, sessions: sessions);
        return document is null ? NotFound() : TypedResults.Ok(DocumentView.Of(document));
    }

    public static async Task<Results<Ok<DocumentView>, ValidationProblem, ProblemHttpResult>> Assign(
        Guid id, AssignRequest body, HttpContext http, DocumentDb db, TimeProvider clock, CancellationToken ct)
    {
        if (body.StaffId is not { } staffId || staffId == Guid.Empty)
        {
            return Problems.Field("staffId", new Reason("staff-required", "Name the staff member to assign."));
        }
        // Under the row's lock, as a hand-on and "processed" take it: an assignment at the moment of a hand-on is judged on
        // the department the document is in after it, never a clerk of the first department put on it in the second.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, id, ct);
        var document = await FindAsync(id, http, db, ct, tracked: true);
        if (document is null) return NotFound();
        // One's own id is vouched for by one's token; anyone else must be an active member of the document's department.
        if (staffId != http.User.StaffId())
        {
            var member = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.StaffId == staffId, ct);
            if (member is null || !member.Active) return Problems.Field("staffId", new Reason("no-active-staff", "No active staff member has this id."));
            if (!member.WorksFor(document.DepartmentKey)) return Problems.Field("staffId", new Reason("staff-not-in-department", $"This staff member does not work for {document.DepartmentKey}.").With("department", document.DepartmentKey));
        }
        document.AssignedStaffId = staffId;
        document.AssignedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(DocumentView.Of(document));
    }

    /// <summary>
    /// Marks the document processed, under the row's lock as a hand-on takes it: of a "processed" and a hand-on at the
    /// same moment the later is judged on what the earlier did (the hand-on refused as processed, or the "processed"
    /// finding the document gone to another department), never a document processed in one inbox and handed on from it.
    /// </summary>
    public static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> Processed(Guid id, HttpContext http, DocumentDb db, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, id, ct);
        var document = await FindAsync(id, http, db, ct, tracked: true);
        if (document is null) return NotFound();
        if (document.Status == DocumentStatus.PendingScan)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Conflict", new Reason("document-not-scanned", "The document has not been virus-scanned yet."));
        }
        document.ProcessedAt ??= clock.GetUtcNow();
        document.ProcessedBy ??= http.User.StaffId();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(DocumentView.Of(document));
    }

    /// <summary>
    /// Hands a document on to another department's inbox (a kiosk scan under the wrong concern, an upload that belongs
    /// elsewhere), for a clerk of its department or an admin: it arrives there open and unassigned, with where it came
    /// from and why; the first department then sees it no more than any other department's document (404). The hand-on
    /// is kept (<see cref="DocumentHandOn"/>) and the receiving department's mailbox told through the outbox. A
    /// consultation's documents stay readable for whoever may act on its room (<see cref="ConsultationDocuments"/>).
    /// </summary>
    public static async Task<Results<Ok<DocumentView>, ValidationProblem, ProblemHttpResult>> HandOn(
        Guid id, HandOnRequest body, HttpContext http, DocumentDb db, TimeProvider clock, CancellationToken ct)
    {
        // The row is locked first: a colleague handing it on or marking it processed at the same moment waits and is judged after.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, id, ct);
        var document = await db.Documents.Include(d => d.Submission).Include(d => d.HandOns).SingleOrDefaultAsync(d => d.Id == id, ct);
        // A deleted document is named as such only to its own department; to every other, as any foreign one, it is not there.
        if (document is null || !http.User.CanActFor(document.DepartmentKey)) return NotFound();
        var inboxes = await db.DepartmentInboxes.AsNoTracking().Select(i => i.DepartmentKey).ToListAsync(ct);
        if (body.Validate(document.DepartmentKey, inboxes) is { Count: > 0 } errors) return Problems.Fields(errors);
        if (document.DeletedAt is not null)
            return Problems.Conflict(new Reason("document-deleted", "The document was deleted; it cannot be handed on."));
        if (document.ProcessedAt is not null)
            return Problems.Conflict(new Reason("document-processed", "The document is marked as processed; it cannot be handed on."));
        if (document.Status == DocumentStatus.PendingScan)
            return Problems.Conflict(new Reason("document-not-scanned", "The document has not been virus-scanned yet."));

        var handOn = new DocumentHandOn
        {
            Id = Guid.CreateVersion7(),
            DocumentId = document.Id,
            FromDepartmentKey = document.DepartmentKey,
            ToDepartmentKey = body.DepartmentKey!.Trim(),
            Reason = body.TrimmedReason,
            HandedOnBy = http.User.StaffId(),
            HandedOnAt = clock.GetUtcNow(),
        };
        // Added as new by name: found through the document's list alone, a row with its id already set is taken for an old one.
        db.DocumentHandOns.Add(handOn);
        if (!document.HandOns.Contains(handOn)) document.HandOns.Add(handOn);
        document.DepartmentKey = handOn.ToDepartmentKey;
        // New to the receiving department: nobody there has taken it yet.
        document.AssignedStaffId = null;
        document.AssignedAt = null;
        db.Publish(new DocumentHandedOn(document.Id, handOn.FromDepartmentKey, handOn.ToDepartmentKey, handOn.Reason, handOn.HandedOnBy, handOn.HandedOnAt));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(DocumentView.Of(document));
    }

    /// <summary>The file, for staff of its department, and only once clamd has passed it.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Content(
        Guid id, HttpContext http, DocumentDb db, DocumentStorage storage, SessionsClient sessions, CancellationToken ct)
    {
        var document = await FindAsync(id, http, db, ct, sessions: sessions);
        if (document is null) return NotFound();
        if (document.Status != DocumentStatus.Clean)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Conflict", document.Status == DocumentStatus.Quarantined
                ? new Reason("document-quarantined", "The document is quarantined: malware was found.")
                : new Reason("document-not-scanned", "The document has not been virus-scanned yet."));
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        // What a browser shows itself (PDF, JPEG, PNG: the types intake accepted and scanned) opens in place;
        // anything else (TIFF) downloads. nosniff keeps the browser to the stored type either way.
        var inline = document.ContentType is "application/pdf" or "image/jpeg" or "image/png";
        http.Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue(inline ? "inline" : "attachment")
        {
            FileNameStar = document.FileName,
        }.ToString();
        return TypedResults.File(storage.OpenRead(document.Id), document.ContentType);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, DocumentDb db, DocumentStorage storage, TimeProvider clock, CancellationToken ct)
    {
        // Under the row's lock too: a document handed on at the same moment is the other department's to delete.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, id, ct);
        var document = await FindAsync(id, http, db, ct, tracked: true);
        if (document is null) return NotFound();
        DocumentRetentionJob.Delete(storage, document, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    // Another department's document answers 404, not 403: staff learn nothing about inboxes that are not theirs.
    // With sessions given (reading only), a document of a consultation the caller may act on is theirs to read.
    private static async Task<Document?> FindAsync(Guid id, HttpContext http, DocumentDb db, CancellationToken ct, bool tracked = false, SessionsClient? sessions = null)
    {
        var query = tracked ? db.Documents : db.Documents.AsNoTracking();
        var document = await query.Include(d => d.Submission).Include(d => d.HandOns).SingleOrDefaultAsync(d => d.Id == id && d.DeletedAt == null, ct);
        if (document is null) return null;
        if (http.User.CanActFor(document.DepartmentKey)) return document;
        return sessions is not null && await ConsultationDocuments.MayReadAsync(http, sessions, document.Submission?.SessionId, ct) ? document : null;
    }

    // Held until the transaction ends; what is read after it is what the request that held it before committed.
    private static Task LockAsync(DocumentDb db, Guid id, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM documents WHERE id = {id} FOR UPDATE", ct);

    private static ProblemHttpResult NotFound() => Problems.NotFound(new Reason("no-document", "No such document."));
}
