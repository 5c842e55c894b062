using Microsoft.EntityFrameworkCore;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.DocumentIntake.Jobs;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Sessions;
using Municipal.DocumentIntake.Clients;
using Municipal.DocumentIntake.Storage;

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

        var query = db.Documents.AsNoTracking().Include(d => d.Submission).Where(d => d.DeletedAt == null);
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
        return TypedResults.Ok(DocumentView.Of(document));
    }

    public static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> Processed(Guid id, HttpContext http, DocumentDb db, TimeProvider clock, CancellationToken ct)
    {
        var document = await FindAsync(id, http, db, ct, tracked: true);
        if (document is null) return NotFound();
        if (document.Status == DocumentStatus.PendingScan)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Conflict", new Reason("document-not-scanned", "The document has not been virus-scanned yet."));
        }
        document.ProcessedAt ??= clock.GetUtcNow();
        document.ProcessedBy ??= http.User.StaffId();
        await db.SaveChangesAsync(ct);
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
        var document = await FindAsync(id, http, db, ct, tracked: true);
        if (document is null) return NotFound();
        DocumentRetentionJob.Delete(storage, document, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    // Another department's document answers 404, not 403: staff learn nothing about inboxes that are not theirs.
    // With sessions given (reading only), a document of a consultation the caller may act on is theirs to read.
    private static async Task<Document?> FindAsync(Guid id, HttpContext http, DocumentDb db, CancellationToken ct, bool tracked = false, SessionsClient? sessions = null)
    {
        var query = tracked ? db.Documents : db.Documents.AsNoTracking();
        var document = await query.Include(d => d.Submission).SingleOrDefaultAsync(d => d.Id == id && d.DeletedAt == null, ct);
        if (document is null) return null;
        if (http.User.CanActFor(document.DepartmentKey)) return document;
        return sessions is not null && await ConsultationDocuments.MayReadAsync(http, sessions, document.Submission?.SessionId, ct) ? document : null;
    }

    private static ProblemHttpResult NotFound() => Problems.NotFound(new Reason("no-document", "No such document."));
}
