using Municipal.DocumentIntake.Model;

namespace Municipal.DocumentIntake.Kiosk;

/// <summary>A device as the admin page lists it; <see cref="Status"/> is "waiting" (not enrolled yet), "active" or "revoked".</summary>
public sealed record KioskDeviceView(Guid Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? EnrolmentExpiresAt,
    DateTimeOffset? EnrolledAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public static KioskDeviceView Of(KioskDevice d) => new(d.Id, d.Name,
        d.RevokedAt is not null ? "revoked" : d.EnrolledAt is not null ? "active" : "waiting",
        d.CreatedAt, d.EnrolmentCodeHash is null ? null : d.EnrolmentExpiresAt, d.EnrolledAt, d.RevokedAt, d.LastUsedAt);
}
