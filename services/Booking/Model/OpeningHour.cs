namespace Municipal.Booking.Model;

/// <summary>One opening range on a weekday, in the department's local time; a day may have several.</summary>
public sealed class OpeningHour
{
    public int Id { get; init; }
    public required string DepartmentKey { get; init; }
    public DayOfWeek DayOfWeek { get; init; }
    public TimeOnly Opens { get; init; }
    public TimeOnly Closes { get; init; }
}
