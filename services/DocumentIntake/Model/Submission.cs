namespace Municipal.DocumentIntake.Model;

/// <summary>One hand-in: a request from a resident's link, a consultation, the kiosk or another service.</summary>
public sealed class Submission
{
    public Guid Id { get; init; }
    public required string Channel { get; init; }
    public string? ReceiptNumber { get; set; }
    public string? ConcernKey { get; init; }
    public string? DepartmentKey { get; init; }
    public Guid? SessionId { get; init; }
    public Guid? DossierId { get; init; }

    /// <summary>
    /// The resident's link that handed it in (<c>resident_links.id</c>, kept across a move and the links sent again), so
    /// the resident can list their own and the link's allowance counts it; and the hash of the token it used (never the token).
    /// </summary>
    public Guid? ResidentLinkId { get; init; }
    public string? ResidentTokenHash { get; init; }

    public string? Note { get; init; }
    public string? Email { get; init; }
    public string Language { get; init; } = "de";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The kiosk it came from, for that device's hourly quotas.</summary>
    public Guid? KioskDeviceId { get; init; }

    /// <summary>The bytes of the files as received (before duplicates were dropped or pages combined).</summary>
    public long ReceivedBytes { get; init; }
}
