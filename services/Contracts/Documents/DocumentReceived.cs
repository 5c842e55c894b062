namespace Municipal.Contracts.Documents;

/// <summary>A document passed the virus scan and was routed. Channel: "session", "upload" or "kiosk".</summary>
public sealed record DocumentReceived(
    Guid DocumentId,
    Guid SubmissionId,
    string Channel,
    string? ConcernKey,
    string DepartmentKey,
    string ContentType,
    long Length,
    string Sha256,
    Guid? SessionId,
    Guid? DossierId,
    DateTimeOffset ReceivedAt);
