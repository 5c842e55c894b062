using Microsoft.EntityFrameworkCore;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults;
using Municipal.DocumentIntake.Submissions;
using Municipal.DocumentIntake.Uploads;

namespace Municipal.DocumentIntake.Apis;

/// <summary>Other services hand in files they produced (forms: the PDF of a submission); they name the department.</summary>
public static class InternalApi
{
    public static RouteGroupBuilder MapInternalApi(this RouteGroupBuilder api)
    {
        api.MapPost("/internal/files", HandIn).RequireAuthorization(StaffPolicies.Service).DisableAntiforgery();
        return api;
    }

    public static async Task<Results<Created<SubmissionResult>, ProblemHttpResult>> HandIn(
        HttpRequest request, UploadReader reader, IntakeService intake, DocumentDb db, CancellationToken ct)
    {
        try
        {
            using var upload = await reader.ReadAsync(request, ct);
            var department = upload.Field("departmentKey");
            if (department is null) return UploadProblems.Field("departmentKey", "required", "Name the department.");
            if (!await db.DepartmentInboxes.AnyAsync(d => d.DepartmentKey == department, ct)) return UploadProblems.Field("departmentKey", "unknown", "No such department.");
            Guid? dossierId = null;
            if (upload.Field("dossierId") is { } text)
            {
                if (!Guid.TryParse(text, out var parsed)) return UploadProblems.Field("dossierId", "invalid", "Not an id.");
                dossierId = parsed;
            }
            Guid? sessionId = null;
            if (upload.Field("sessionId") is { } sessionText)
            {
                if (!Guid.TryParse(sessionText, out var parsed)) return UploadProblems.Field("sessionId", "invalid", "Not an id.");
                sessionId = parsed;
            }
            var channel = upload.Field("channel") ?? Channels.Forms;
            if (channel.Length > 40) return UploadProblems.Field("channel", "too-long", "At most 40 characters.");
            var draft = new SubmissionDraft(channel, upload.Field("concernKey"), department, sessionId, dossierId, DepartmentIsFinal: true);
            var result = await intake.AcceptAsync(upload, draft, ct);
            return TypedResults.Created($"/api/documents/{result.Documents[0].Id}", result);
        }
        catch (UploadRejected rejected)
        {
            return UploadProblems.From(rejected);
        }
    }
}
