namespace Municipal.Booking.Model;

/// <summary>
/// One opening range on a weekday, in the department's local time; a day may have several. Live-counter hours and
/// appointment hours are separate sets (<see cref="HoursKinds"/>): a department may book appointments when it takes no walk-ins.
/// </summary>
public sealed class OpeningHour
{
    public int Id { get; init; }
    public required string DepartmentKey { get; init; }
    public string Kind { get; init; } = HoursKinds.Live;
    public DayOfWeek DayOfWeek { get; init; }
    public TimeOnly Opens { get; init; }
    public TimeOnly Closes { get; init; }
}
