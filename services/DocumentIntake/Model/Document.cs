namespace Municipal.DocumentIntake.Model;

/// <summary>A stored file. On disk it is named by <see cref="Id"/>; <see cref="FileName"/> is the sanitised name for display.</summary>
public sealed class Document
{
    public Guid Id { get; init; }
    public Guid SubmissionId { get; init; }
    public Submission? Submission { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long Length { get; init; }
    public required string Sha256 { get; init; }
    public int? PageCount { get; init; }
    public string Status { get; set; } = DocumentStatus.PendingScan;
    public string? Signature { get; set; }
    public int ScanAttempts { get; set; }
    public DateTimeOffset? NextScanAt { get; set; }
    public DateTimeOffset? ScannedAt { get; set; }
    /// <summary>The inbox it is in: routed there, or handed on since (<see cref="HandOns"/>).</summary>
    public required string DepartmentKey { get; set; }
    public string? ConcernKey { get; init; }
    public required string RoutingRule { get; init; }
    public Guid? AssignedStaffId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public Guid? ProcessedBy { get; set; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Its hand-ons from one inbox to another, the last one shown with it.</summary>
    public List<DocumentHandOn> HandOns { get; init; } = [];

    public DocumentHandOn? LastHandOn => HandOns.MaxBy(h => h.HandedOnAt);
}
