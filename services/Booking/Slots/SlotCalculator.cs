using Municipal.Booking.Model;

namespace Municipal.Booking.Slots;

/// <summary>A bookable start time and how many clerks are still free for it.</summary>
public sealed record Slot(DateTimeOffset Start, DateTimeOffset End, int Free);

/// <summary>When a clerk is already taken (an appointment's start until its buffer has passed).</summary>
public sealed record Busy(Guid StaffId, DateTimeOffset From, DateTimeOffset Until);

public sealed record SlotRequest(
    TimeZoneInfo TimeZone,
    IReadOnlyList<(DayOfWeek Day, TimeOnly Opens, TimeSpan Closes)> OpeningHours,
    IReadOnlySet<DateOnly> Closures,
    TimeSpan Duration,
    TimeSpan Buffer,
    IReadOnlyCollection<Guid> Staff,
    IReadOnlyList<Busy> Busy,
    DateOnly From,
    DateOnly To,
    DateTimeOffset NotBefore);

/// <summary>
/// Turns opening hours into free slots. Ranges are local wall-clock times in the city's time zone; they are
/// converted to instants first and slots are then stepped in real time, so a range on the night clocks
/// change yields the hours that really exist (a missing hour is skipped, a repeated one counted twice). A range that
/// ends at 24:00 ends at the next day's local midnight, so it is 23 or 25 real hours from the day's start on a night the
/// clocks change, and where they change at midnight it ends where the next day really begins.
/// </summary>
public static class SlotCalculator
{
    public static IReadOnlyList<Slot> Compute(SlotRequest request)
    {
        var slots = new List<Slot>();
        if (request.Staff.Count == 0 || request.Duration <= TimeSpan.Zero) return slots;
        var step = request.Duration + request.Buffer;
        var busyByStaff = request.Busy.GroupBy(b => b.StaffId).ToDictionary(g => g.Key, g => g.ToList());

        for (var date = request.From; date <= request.To; date = date.AddDays(1))
        {
            if (request.Closures.Contains(date)) continue;
            foreach (var range in request.OpeningHours.Where(h => h.Day == date.DayOfWeek).OrderBy(h => h.Opens))
            {
                var opens = ToInstant(date, range.Opens, request.TimeZone);
                var closes = EndInstant(date, range.Closes, request.TimeZone);
                for (var start = opens; start + request.Duration <= closes; start += step)
                {
                    if (start < request.NotBefore) continue;
                    var blockedUntil = start + step;
                    var free = request.Staff.Count(staff => !busyByStaff.TryGetValue(staff, out var busy)
                        || !busy.Any(b => b.From < blockedUntil && start < b.Until));
                    if (free > 0) slots.Add(new Slot(start, start + request.Duration, free));
                }
            }
        }
        return slots;
    }

    /// <summary>
    /// A local time as an instant. A time inside the spring-forward gap does not exist and moves to the
    /// first instant after it; an ambiguous autumn time is taken at its first (summer-time) occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The instant a range ends: a time since the day's start, 24:00 (one whole day) being the next day's midnight.</summary>
    public static DateTimeOffset EndInstant(DateOnly date, TimeSpan sinceDayStart, TimeZoneInfo zone) =>
        sinceDayStart >= OpeningHour.Midnight
            ? ToInstant(date.AddDays(1), TimeOnly.MinValue, zone)
            : ToInstant(date, TimeOnly.FromTimeSpan(sinceDayStart), zone);

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>Whether the counter is open at an instant (for the live queue).</summary>
    public static bool IsOpen(DateTimeOffset instant, TimeZoneInfo zone,
        IReadOnlyList<(DayOfWeek Day, TimeOnly Opens, TimeSpan Closes)> openingHours, IReadOnlySet<DateOnly> closures)
    {
        var date = LocalDate(instant, zone);
        if (closures.Contains(date)) return false;
        return openingHours.Where(h => h.Day == date.DayOfWeek)
            .Any(h => ToInstant(date, h.Opens, zone) <= instant && instant < EndInstant(date, h.Closes, zone));
    }
}
