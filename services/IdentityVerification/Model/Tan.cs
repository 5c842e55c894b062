namespace Municipal.IdentityVerification.Model;

/// <summary>A one-time code bound to the SHA-256 of the exact content being signed.</summary>
public sealed class Tan
{
    public Guid Id { get; set; }
    public required string CodeHash { get; set; }
    public required string ContentSha256 { get; set; }
    public required string Purpose { get; set; }
    public required string Channel { get; set; }
    public required string RecipientHash { get; set; }
    public required string MaskedRecipient { get; set; }

    /// <summary>Who asked: "resident:&lt;token hash&gt;" or "staff:&lt;id&gt;"; the rate limit counts per requester.</summary>
    public required string Requester { get; set; }
    public Guid? SessionId { get; set; }

    /// <summary>The department of the consultation (a resident's code): its staff may read and check the code.</summary>
    public string? DepartmentKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
