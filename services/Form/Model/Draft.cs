namespace Municipal.Form.Model;

public sealed class Draft
{
    public const string Open = "open";
    public const string Submitted = "submitted";

    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string ConcernKey { get; set; }
    public required string DepartmentKey { get; set; }
    public Guid? SessionId { get; set; }

    /// <summary>Set for a draft a resident fills alone; in a consultation access follows the room.</summary>
    public string? TokenHash { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
    public required string Language { get; set; }
    public string Status { get; set; } = Open;
    public string? SignatureKind { get; set; }
    public string? SignatureImage { get; set; }
    public string? SignatureStrokes { get; set; }
    public string? SignatureContentSha256 { get; set; }
    public string? SignatureSummary { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public DateTimeOffset? SignatureInvalidatedAt { get; set; }

    /// <summary>The last TAN requested for this draft (identity's id), how it was sent and to whom (masked).</summary>
    public Guid? TanId { get; set; }
    public string? TanChannel { get; set; }
    public string? TanRecipient { get; set; }
    public DateTimeOffset? TanRequestedAt { get; set; }
    public int TanRequests { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<DraftField> Fields { get; set; } = [];
}
