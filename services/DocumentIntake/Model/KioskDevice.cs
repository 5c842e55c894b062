namespace Municipal.DocumentIntake.Model;

/// <summary>
/// A scanner kiosk an admin registered. It holds a device token in its browser; here only hashes are kept: of the
/// one-time enrolment code until it is used, then of the token. A revoked device is refused from then on.
/// </summary>
public sealed class KioskDevice
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public string? EnrolmentCodeHash { get; set; }
    public DateTimeOffset? EnrolmentExpiresAt { get; set; }
    public string? TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset? EnrolledAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
