using Municipal.ServiceDefaults;

namespace Municipal.DocumentIntake.Model;

/// <summary>A concern's names as booking announced them (<c>ConcernChanged</c>), for the mails to a department's mailbox.</summary>
public sealed class ConcernName
{
    public required string ConcernKey { get; init; }
    public required string DepartmentKey { get; init; }
    public required string NameDe { get; init; }
    public string NameEn { get; init; } = "";
    public string NameFr { get; init; } = "";
    public string NameIt { get; init; } = "";

    /// <summary>Its name in a language, else the German one (a translation not given yet).</summary>
    public string In(string language) => Languages.CityText(language, NameDe, NameEn, NameFr, NameIt);
}
