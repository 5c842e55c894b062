namespace Municipal.IdentityVerification.Model;

/// <summary>A clerk's identity check of the resident in one consultation.</summary>
public sealed class Verification
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public required string DepartmentKey { get; set; }
    public string? ConcernKey { get; set; }
    public string? CitizenName { get; set; }
    public Guid ClerkId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<string> Features { get; set; } = [];
    public List<string> Questions { get; set; } = [];
    public List<string> ConfirmedFeatures { get; set; } = [];

    /// <summary>Postgres' xmin: two decisions at the same moment (a clerk verifies while the supervisor rejects) cannot both be saved.</summary>
    public uint Version { get; set; }
    public List<string> QuestionsAsked { get; set; } = [];
    public string? DocumentType { get; set; }
    public string? IssuingState { get; set; }
    public string? DocumentNumberHash { get; set; }
    public DateOnly? DocumentExpiry { get; set; }
    public bool MrzValid { get; set; }
    public string? PendingSurname { get; set; }
    public string? PendingGivenNames { get; set; }
    public DateOnly? PendingBirthDate { get; set; }
    public string? PendingNationality { get; set; }
    public VerificationStatus Status { get; set; }
    public string? Reason { get; set; }
    public Guid? DecidedBy { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
