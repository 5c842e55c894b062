using Municipal.ServiceDefaults;

namespace Municipal.Booking.Model;

public sealed class Department
{
    public required string Key { get; init; }
    public required string NameDe { get; set; }
    public required string NameEn { get; set; }
    public string NameFr { get; set; } = "";
    public string NameIt { get; set; } = "";
    public string TimeZone { get; set; } = "Europe/Zurich";
    public required string MailboxEmail { get; set; }
    public int SortOrder { get; set; }

    /// <summary>The language its mailbox is written to in (de, fr, it, en); empty for the city's (<see cref="CityLanguage"/>).</summary>
    public string StaffLanguage { get; set; } = "";

    /// <summary>The name in a language, German where the city has not translated it (Leichte Sprache reads German names).</summary>
    public string Name(string? language) => Languages.CityText(language, NameDe, NameEn, NameFr, NameIt);
}
