namespace Municipal.DocumentIntake.Model;

/// <summary>A department's central mailbox, told about each received document.</summary>
public sealed class DepartmentInbox
{
    public required string DepartmentKey { get; init; }
    public required string NameDe { get; init; }
    public required string NameEn { get; init; }
    public required string Mailbox { get; init; }
}
