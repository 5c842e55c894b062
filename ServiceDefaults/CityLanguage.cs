using Microsoft.Extensions.Configuration;

namespace Municipal.ServiceDefaults;

/// <summary>
/// The language the city's staff read what the system writes to them (the departments' mailboxes):
/// <c>City:StaffLanguage</c>, else the city's <c>City:DefaultLanguage</c> (the gateway's, for the pages), else German.
/// Leichte Sprache is a residents' language; its city writes to staff in German. A code this system does not write
/// falls back to German too, so a typo never leaves a mailbox without mail.
/// </summary>
public static class CityLanguage
{
    public static string Staff(IConfiguration configuration)
    {
        var wanted = configuration["City:StaffLanguage"] is { Length: > 0 } staff ? staff : configuration["City:DefaultLanguage"];
        return wanted?.Trim().ToLowerInvariant() switch
        {
            Languages.French => Languages.French,
            Languages.Italian => Languages.Italian,
            Languages.English => Languages.English,
            _ => Languages.German,
        };
    }
}
