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
    Guid? KioskDeviceId = null);
