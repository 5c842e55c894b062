namespace Municipal.Form;

/// <summary>"Today" as the city counts it (Europe/Zurich unless City:TimeZone says otherwise), from the injected TimeProvider.</summary>
public sealed class CityClock(TimeProvider time, IConfiguration configuration)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["City:TimeZone"] ?? "Europe/Zurich");

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);
}
