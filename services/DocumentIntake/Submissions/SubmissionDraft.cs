namespace Municipal.DocumentIntake.Submissions;

/// <summary>Who hands in what, before the files are looked at.</summary>
public sealed record SubmissionDraft(
    string Channel,
    string? ConcernKey,
    string? DepartmentKey,
    Guid? SessionId = null,
    Guid? DossierId = null,
    string? ResidentTokenHash = null,
    string? Note = null,
    string? Email = null,
    string Language = "de",
    bool CombineImagesIntoPdf = false,
    bool DepartmentIsFinal = false,
    Guid? KioskDeviceId = null,
    string? FinalRule = null,
    Guid? ResidentLinkId = null)
{
    /// <summary>Why the department is final, as the inbox shows it (the routing rule's place): the chosen concern's rule, the consultation, the dossier.</summary>
    public string FinalReason => FinalRule ?? (SessionId is not null ? "the consultation's department"
        : DossierId is not null ? "the dossier's department" : "given by the sending service");
}
