using System.Globalization;
using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <summary>
/// The free slots' query string: a range of the department's days (<c>yyyy-MM-dd</c>), or a number of days from its
/// today. A page cannot know the department's today before it knows its zone, and its own date (or UTC's) is a day
/// off for a department far east or west: so it asks <c>?days=7</c> first and pages on from the <c>from</c> returned.
/// </summary>
public sealed record SlotsQuery(string? From, string? To, string? Days)
{
    public const int MaxDays = 62;

    /// <summary>The refused field, if any, and the days asked for: by default two weeks from <paramref name="today"/>.</summary>
    public FieldErrors Validate(DateOnly today, out DateOnly from, out DateOnly to)
    {
        var errors = new FieldErrors();
        to = default;
        var count = 14;
        if (!QueryDate.TryRead(From, today, out from)) errors["from"] = Reasons.DateFormat("2026-03-30");
        // Years apart from today list nothing (the input guard already keeps query dates within 2000 to ten years ahead).
        else if (from.Year < today.Year - 1 || from.Year > today.Year + 10) errors["from"] = Reasons.YearRange(today.Year - 1, today.Year + 10);
        else if (Days is not null && (To is not null || !int.TryParse(Days, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
            errors["days"] = Reasons.WrongFormat;
        else if (count > MaxDays) errors["days"] = Reasons.TooManyDays(MaxDays);
        else if (!QueryDate.TryRead(To, from.AddDays(count - 1), out to)) errors["to"] = Reasons.DateFormat("2026-04-12");
        else if (to < from) errors["to"] = Reasons.ToBeforeFrom;
        else if (to.DayNumber - from.DayNumber >= MaxDays) errors["to"] = Reasons.TooManyDays(MaxDays);
        return errors;
    }
}
