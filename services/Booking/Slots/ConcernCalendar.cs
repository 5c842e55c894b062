using Municipal.Booking.Model;

namespace Municipal.Booking.Slots;

/// <summary>Everything slot computation needs for one concern, loaded once per request.</summary>
public sealed record ConcernCalendar(
    Concern Concern,
    Department Department,
    TimeZoneInfo TimeZone,
    IReadOnlyList<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)> OpeningHours,
    IReadOnlySet<DateOnly> Closures,
    IReadOnlyList<Guid> Staff)
{
    public bool IsOpen(DateTimeOffset instant) => SlotCalculator.IsOpen(instant, TimeZone, OpeningHours, Closures);

    public DateOnly LocalDate(DateTimeOffset instant) => SlotCalculator.LocalDate(instant, TimeZone);
}
