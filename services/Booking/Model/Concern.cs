using Municipal.ServiceDefaults;

namespace Municipal.Booking.Model;

/// <summary>A service the city offers at the counter; its key is the id every service uses.</summary>
public sealed class Concern
{
    public required string Key { get; init; }
    public required string DepartmentKey { get; set; }
    public required string NameDe { get; set; }
    public required string NameEn { get; set; }
    public string NameFr { get; set; } = "";
    public string NameIt { get; set; } = "";
    public string DescriptionDe { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public string DescriptionFr { get; set; } = "";
    public string DescriptionIt { get; set; } = "";
    public int DurationMinutes { get; set; }
    public int BufferMinutes { get; set; }
    public List<string> Channels { get; set; } = ["chat", "video"];
    public List<string> DocumentsDe { get; set; } = [];
    public List<string> DocumentsEn { get; set; } = [];
    public List<string> DocumentsFr { get; set; } = [];
    public List<string> DocumentsIt { get; set; } = [];
    public bool NeedsIdentityCheck { get; set; }
    public bool NeedsSignature { get; set; }
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }

    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMinutes);
    public TimeSpan Buffer => TimeSpan.FromMinutes(BufferMinutes);
    /// <summary>The name in a language, German where the city has not translated it (Leichte Sprache reads German names).</summary>
    public string Name(string? language) => Languages.CityText(language, NameDe, NameEn, NameFr, NameIt);
    /// <summary>The documents to bring in a language, the German list where the city has not translated them (as for names).</summary>
    public IReadOnlyList<string> Documents(string? language)
    {
        var list = language switch { Languages.English => DocumentsEn, Languages.French => DocumentsFr, Languages.Italian => DocumentsIt, _ => DocumentsDe };
        return list.Count > 0 ? list : DocumentsDe;
    }
}
