using Municipal.DocumentIntake.Model;

namespace Municipal.DocumentIntake.Apis;

/// <summary>
/// A document as staff and residents see it in lists; the content is fetched separately, and only when clean. A document
/// handed on names the department it came from and why (its last hand-on; the list loads them with the documents).
/// </summary>
public sealed record DocumentView(
    Guid Id,
    Guid SubmissionId,
    string FileName,
    string ContentType,
    long Length,
    string Sha256,
    int? PageCount,
    string Status,
    string? Signature,
    string DepartmentKey,
    string? ConcernKey,
    string RoutingRule,
    string Channel,
    string? ReceiptNumber,
    string? Note,
    Guid? SessionId,
    Guid? DossierId,
    Guid? AssignedStaffId,
    DateTimeOffset? ProcessedAt,
    DateTimeOffset ReceivedAt,
    string? HandedOnFrom = null,
    string? HandOnReason = null,
    DateTimeOffset? HandedOnAt = null)
{
    public static DocumentView Of(Document d) => new(d.Id, d.SubmissionId, d.FileName, d.ContentType, d.Length, d.Sha256, d.PageCount,
        d.Status, d.Signature, d.DepartmentKey, d.ConcernKey, d.RoutingRule, d.Submission?.Channel ?? "", d.Submission?.ReceiptNumber,
        d.Submission?.Note, d.Submission?.SessionId, d.Submission?.DossierId, d.AssignedStaffId, d.ProcessedAt, d.ReceivedAt,
        d.LastHandOn?.FromDepartmentKey, d.LastHandOn?.Reason, d.LastHandOn?.HandedOnAt);

    /// <summary>What a resident may see of their own upload: no routing internals or staff ids.</summary>
    public static object ForResident(Document d) => new { d.Id, d.FileName, d.ContentType, d.Length, d.PageCount, d.Status, d.ReceivedAt };
}
