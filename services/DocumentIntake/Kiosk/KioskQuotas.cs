namespace Municipal.DocumentIntake.Kiosk;

/// <summary>
/// What one kiosk device may hand in (<c>Documents:Kiosk:*</c>): per request and per rolling hour. A kiosk stands
/// in a public hall, so a stolen or misused device can cost the city only this much before an admin revokes it.
/// </summary>
public sealed class KioskQuotas
{
    public int FilesPerRequest { get; set; } = 20;

    public long BytesPerRequest { get; set; } = 120L * 1024 * 1024;

    public int RequestsPerHour { get; set; } = 60;

    public long BytesPerHour { get; set; } = 1024L * 1024 * 1024;

    /// <summary>How long an enrolment code an admin issued can be used on the kiosk.</summary>
    public int EnrolmentHours { get; set; } = 24;
}
