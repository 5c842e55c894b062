namespace Municipal.Form.Model;

/// <summary>One field's value (raw JSON) with its own version; see Data/Migrations/0002_forms.sql.</summary>
public sealed class DraftField
{
    public Guid DraftId { get; set; }
    public required string Field { get; set; }
    public required string Value { get; set; }
    public int Version { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
