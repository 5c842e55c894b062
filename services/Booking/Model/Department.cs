namespace Municipal.Booking.Model;

public sealed class Department
{
    public required string Key { get; init; }
    public required string NameDe { get; set; }
    public required string NameEn { get; set; }
    public string TimeZone { get; set; } = "Europe/Zurich";
    public required string MailboxEmail { get; set; }
    public int SortOrder { get; set; }
}
