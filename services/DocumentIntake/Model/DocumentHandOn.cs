namespace Municipal.DocumentIntake.Model;

/// <summary>One hand-on of a document to another department's inbox: the record of who moved it, from where and why.</summary>
public sealed class DocumentHandOn
{
    public Guid Id { get; init; }
    public Guid DocumentId { get; init; }
    public required string FromDepartmentKey { get; init; }
    public required string ToDepartmentKey { get; init; }
    public required string Reason { get; init; }
    public Guid HandedOnBy { get; init; }
    public DateTimeOffset HandedOnAt { get; init; }
}
