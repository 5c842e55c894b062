namespace Municipal.Booking.Model;

/// <summary>A service the city offers at the counter; its key is the id every service uses.</summary>
public sealed class Concern
{
    public required string Key { get; init; }
    public required string DepartmentKey { get; set; }
    public required string NameDe { get; set; }
    public required string NameEn { get; set; }
    public string DescriptionDe { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public int DurationMinutes { get; set; }
    public int BufferMinutes { get; set; }
    public List<string> Channels { get; set; } = ["chat", "video"];
    public List<string> DocumentsDe { get; set; } = [];
    public List<string> DocumentsEn { get; set; } = [];
    public bool NeedsIdentityCheck { get; set; }
    public bool NeedsSignature { get; set; }
    public string? FormId { get; set; }
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }

    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMinutes);
    public TimeSpan Buffer => TimeSpan.FromMinutes(BufferMinutes);
    public string Name(string language) => language == "en" ? NameEn : NameDe;
    public IReadOnlyList<string> Documents(string language) => language == "en" ? DocumentsEn : DocumentsDe;
}
