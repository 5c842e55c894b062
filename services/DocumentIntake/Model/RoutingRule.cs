namespace Municipal.DocumentIntake.Model;

/// <summary>Sends a document to a department inbox when every condition it sets holds.</summary>
public sealed class RoutingRule
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public int Priority { get; init; }
    public string? ConcernKey { get; init; }
    public string? SourceDepartmentKey { get; init; }
    public string? Keyword { get; init; }
    public required string TargetDepartmentKey { get; init; }
}
