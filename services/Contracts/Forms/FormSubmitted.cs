namespace Municipal.Contracts.Forms;

public sealed record FormSubmitted(
    Guid SubmissionId,
    Guid DossierId,
    string DefinitionId,
    string ConcernKey,
    string DepartmentKey,
    Guid? SessionId,
    string ContentSha256,
    string SignatureKind,
    DateTimeOffset SubmittedAt);
