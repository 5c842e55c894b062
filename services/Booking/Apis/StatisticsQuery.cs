using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <summary>The statistics' query string: a range of days (<c>yyyy-MM-dd</c>) and, optionally, one department.</summary>
public sealed record StatisticsQuery(string? From, string? To, string? Department)
{
    public const int MaxDays = 366;

    /// <summary>
    /// The refused field, if any, and the days asked for: by default the four weeks up to <paramref name="today"/>
    /// (the city's), at most <see cref="MaxDays"/>.
    /// </summary>
    public FieldErrors Validate(DateOnly today, out DateOnly from, out DateOnly to)
    {
        var errors = new FieldErrors();
        from = default;
        if (!QueryDate.TryRead(To, today, out to)) errors["to"] = Reasons.DateFormat("2026-11-30");
        // Behind the input guard's date window (2000 to ten years ahead) as well: no statistics of years to come.
        else if (to.Year < 2000 || to.Year > today.Year + 1) errors["to"] = Reasons.YearRange(2000, today.Year + 1);
        else if (!QueryDate.TryRead(From, to.AddDays(-27), out from)) errors["from"] = Reasons.DateFormat("2026-11-01");
        else if (to < from) errors["to"] = Reasons.ToBeforeFrom;
        else if (to.DayNumber - from.DayNumber >= MaxDays) errors["to"] = Reasons.TooManyDays(MaxDays);
        return errors;
    }
}
