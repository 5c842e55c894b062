namespace Municipal.IdentityVerification.Model;

public sealed class VerificationStill
{
    public Guid VerificationId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset StoredAt { get; set; }
}
