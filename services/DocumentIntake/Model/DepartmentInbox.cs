using Municipal.ServiceDefaults;

namespace Municipal.DocumentIntake.Model;

/// <summary>A department's central mailbox, told about each received document.</summary>
public sealed class DepartmentInbox
{
    public required string DepartmentKey { get; init; }
    public required string NameDe { get; init; }
    public required string NameEn { get; init; }
    public string NameFr { get; init; } = "";
    public string NameIt { get; init; } = "";
    public required string Mailbox { get; init; }

    /// <summary>The language its mailbox is written to in (de, fr, it, en), empty for the city's.</summary>
    public string StaffLanguage { get; init; } = "";

    /// <summary>The language its mailbox reads: its own, else the city's staff language.</summary>
    public string Language(IConfiguration configuration) => CityLanguage.Staff(configuration, StaffLanguage);

    /// <summary>Its name in a language, else the German one (a translation not given yet).</summary>
    public string Name(string language) => Languages.CityText(language, NameDe, NameEn, NameFr, NameIt);
}
