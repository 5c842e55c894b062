using Microsoft.Extensions.Configuration;

namespace Municipal.ServiceDefaults;

/// <summary>
/// The time as the city counts it: its zone is <c>City:TimeZone</c> (an IANA name, Europe/Zurich when unset), "now"
/// comes from the injected <see cref="TimeProvider"/> so tests can move it. A document expires, a dossier is dated
/// and a statistics day ends at the city's midnight, not the server's.
/// </summary>
public sealed class CityClock(TimeProvider time, IConfiguration configuration)
{
    public const string DefaultZoneId = "Europe/Zurich";

    /// <summary>The configured zone's name, as the browser's <c>Intl.DateTimeFormat</c> takes it.</summary>
    public static string ZoneId(IConfiguration configuration) =>
        configuration["City:TimeZone"] is { Length: > 0 } id ? id.Trim() : DefaultZoneId;

    /// <summary>The configured zone; a name this system does not know fails at the first use, not silently in UTC.</summary>
    public static TimeZoneInfo Zone(IConfiguration configuration) => TimeZoneInfo.FindSystemTimeZoneById(ZoneId(configuration));

    public TimeZoneInfo TimeZone { get; } = Zone(configuration);

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(Local(time.GetUtcNow()).DateTime);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The city's calendar date of an instant.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);
}
