using Municipal.Booking.Model;

namespace Municipal.Booking.Slots;

/// <summary>
/// Everything slot computation needs for one concern, loaded once per request. The live queue keeps to the live
/// hours, free slots to the appointment hours; closures shut both.
/// </summary>
public sealed record ConcernCalendar(
    Concern Concern,
    Department Department,
    TimeZoneInfo TimeZone,
    IReadOnlyList<(DayOfWeek Day, TimeOnly Opens, TimeSpan Closes)> LiveHours,
    IReadOnlyList<(DayOfWeek Day, TimeOnly Opens, TimeSpan Closes)> AppointmentHours,
    IReadOnlySet<DateOnly> Closures,
    IReadOnlyList<Guid> Staff)
{
    /// <summary>Whether the live counter is open at an instant.</summary>
    public bool IsOpen(DateTimeOffset instant) => SlotCalculator.IsOpen(instant, TimeZone, LiveHours, Closures);

    public DateOnly LocalDate(DateTimeOffset instant) => SlotCalculator.LocalDate(instant, TimeZone);
}
