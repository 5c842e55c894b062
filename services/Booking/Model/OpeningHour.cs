namespace Municipal.Booking.Model;

/// <summary>
/// One opening range on a weekday, in the department's local time; a day may have several. Live-counter hours and
/// appointment hours are separate sets (<see cref="HoursKinds"/>): a department may book appointments when it takes no walk-ins.
/// A range may end at midnight, "24:00" (an evening counter, a line staffed around the clock): <see cref="Closes"/> is the
/// time since the day's start, up to one whole day, which a <see cref="TimeOnly"/> cannot hold (Postgres' time can).
/// </summary>
public sealed class OpeningHour
{
    public int Id { get; init; }
    public required string DepartmentKey { get; init; }
    public string Kind { get; init; } = HoursKinds.Live;
    public DayOfWeek DayOfWeek { get; init; }
    public TimeOnly Opens { get; init; }
    public TimeSpan Closes { get; init; }

    /// <summary>The end of the day, as a range's end: "24:00".</summary>
    public static readonly TimeSpan Midnight = TimeSpan.FromDays(1);

    /// <summary>A range's end as written, "HH:mm" or "24:00"; "24:00" ends a range only, it never opens one.</summary>
    public static bool TryParseCloses(string? text, out TimeSpan closes)
    {
        closes = Midnight;
        if (text == "24:00") return true;
        var parsed = TimeOnly.TryParseExact(text, "HH:mm", out var time);
        closes = time.ToTimeSpan();
        return parsed;
    }

    /// <summary>A range's end as "HH:mm", midnight as "24:00" (never "00:00", which reads as the day's start).</summary>
    public static string FormatCloses(TimeSpan closes) => closes >= Midnight ? "24:00" : TimeOnly.FromTimeSpan(closes).ToString("HH:mm");
}
