namespace Municipal.Form.Model;

public sealed class DossierHistoryEntry
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    public required string Status { get; set; }
    public string? Note { get; set; }
    public Guid? StaffId { get; set; }
    public string? StaffName { get; set; }
    public DateTimeOffset At { get; set; }
}
