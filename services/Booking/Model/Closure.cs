namespace Municipal.Booking.Model;

/// <summary>A day the counter stays shut; without a department it closes the whole city (a public holiday).</summary>
public sealed class Closure
{
    public int Id { get; init; }
    public string? DepartmentKey { get; init; }
    public DateOnly Date { get; init; }
    public required string ReasonDe { get; init; }
    public required string ReasonEn { get; init; }
    public string ReasonFr { get; init; } = "";
    public string ReasonIt { get; init; } = "";
}
