namespace Municipal.Booking.Model;

/// <summary>What an opening range is for: the live counter ("talk to us now") or the appointments residents book.</summary>
public static class HoursKinds
{
    public const string Live = "live";
    public const string Appointments = "appointments";
}
