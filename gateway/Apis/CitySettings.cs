using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Apis;

/// <summary>
/// The city's languages and time zone, as the pages read them from <c>/api/city</c>; and the language its staff are
/// written to in (<see cref="CityLanguage.Staff(IConfiguration)"/>), which a department may change on the admin page.
/// </summary>
public sealed record CitySettings(string DefaultLanguage, IReadOnlyList<string> Languages, string TimeZone, string StaffLanguage)
{
    public static CitySettings From(IConfiguration configuration)
    {
        var configured = (configuration["City:Languages"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(Municipal.ServiceDefaults.Languages.IsKnown)
            .Distinct()
            .ToList();
        var offered = configured.Count > 0 ? configured : [.. Municipal.ServiceDefaults.Languages.All];
        var wanted = configuration["City:DefaultLanguage"];
        var defaultLanguage = wanted is not null && offered.Contains(wanted) ? wanted : offered[0];
        // The zone the services count in (CityClock), so the pages show times as the counter's hours and mails do.
        return new CitySettings(defaultLanguage, offered, CityClock.ZoneId(configuration), CityLanguage.Staff(configuration));
    }
}
