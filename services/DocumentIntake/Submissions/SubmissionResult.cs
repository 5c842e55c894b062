namespace Municipal.DocumentIntake.Submissions;

/// <summary>What the uploader is told: every file with its scan status, duplicates named.</summary>
public sealed record SubmissionResult(Guid SubmissionId, string? ReceiptNumber, IReadOnlyList<SubmittedDocument> Documents);

/// <summary>
/// Status: <c>clean</c>, <c>pending_scan</c>, <c>quarantined</c> or <c>duplicate</c> (not stored again; <see cref="DuplicateOf"/>
/// is the document that has the same content).
/// </summary>
public sealed record SubmittedDocument(
    Guid? Id,
    string FileName,
    string Status,
    string ContentType,
    long Length,
    string Sha256,
    int? PageCount = null,
    Guid? DuplicateOf = null,
    string? DepartmentKey = null);
