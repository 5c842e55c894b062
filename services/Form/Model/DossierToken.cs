namespace Municipal.Form.Model;

public sealed class DossierToken
{
    public required string TokenHash { get; set; }
    public Guid DossierId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
