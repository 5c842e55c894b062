using Municipal.ServiceDefaults.ResidentLinks;

namespace Municipal.DocumentIntake.Model;

/// <summary>
/// An upload refused after its bytes were received and scanned, charged to the link or kiosk that sent it: without it one
/// link could send refused files for ever, each one read and scanned by clamd.
/// </summary>
public sealed class RefusedUpload
{
    public Guid Id { get; init; }

    /// <summary>The resident's link that sent it (<see cref="ResidentLink.Id"/>, kept across a move), and the token it used.</summary>
    public Guid? ResidentLinkId { get; init; }
    public string? ResidentTokenHash { get; init; }
    public Guid? KioskDeviceId { get; init; }

    /// <summary>The bytes of the request that were read, or the minimum charge where that is more.</summary>
    public long Bytes { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
