namespace Municipal.IdentityVerification;

/// <summary>Today's date where the city is (<c>City:TimeZone</c>, Europe/Zurich by default): a document expires at the city's midnight.</summary>
public sealed class CityCalendar(TimeProvider time, IConfiguration configuration)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["City:TimeZone"] ?? "Europe/Zurich");

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
}
