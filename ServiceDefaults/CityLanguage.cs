using Microsoft.Extensions.Configuration;

namespace Municipal.ServiceDefaults;

/// <summary>
/// The language the city's staff read what the system writes to them (the departments' mailboxes):
/// <c>City:StaffLanguage</c>, else the city's <c>City:DefaultLanguage</c> (the gateway's, for the pages), else German.
/// Leichte Sprache is a residents' language; its city writes to staff in German. A code this system does not write
/// falls back to German too, so a typo never leaves a mailbox without mail. A department may write in its own (a
/// bilingual city's French-speaking office in a German city, booking's admin page); empty, it follows the city.
/// </summary>
public static class CityLanguage
{
    /// <summary>The languages staff are written to in (the staff pages' four).</summary>
    public static readonly IReadOnlyList<string> StaffLanguages = [Languages.German, Languages.French, Languages.Italian, Languages.English];

    public static bool IsStaffLanguage(string? code) => code is not null && StaffLanguages.Contains(code);

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

    /// <summary>The department's own staff language where it has one, else the city's.</summary>
    public static string Staff(IConfiguration configuration, string? department) =>
        IsStaffLanguage(department) ? department! : Staff(configuration);
}
