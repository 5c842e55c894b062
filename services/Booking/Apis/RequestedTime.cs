using System.Globalization;
using System.Text.RegularExpressions;
using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <summary>
/// A point in time a request names (an appointment's start): ISO 8601 with its offset from UTC, <c>Z</c> or <c>+01:00</c>.
/// One without an offset is refused rather than read in some zone: the server's is UTC, so "09:00" meant in the city
/// was booked at 10:00 in winter and 11:00 in summer.
/// </summary>
internal static partial class RequestedTime
{
    public static Reason OffsetRequired =>
        new Reason("time-offset", "Give the time with its offset from UTC, such as 2027-03-01T09:00:00+01:00.");

    /// <summary>Why <paramref name="text"/> is not a time with its offset, or null when it is one (or absent).</summary>
    public static Reason? Problem(string? text) =>
        text is null || Parse(text) is not null ? null
        : WithoutOffset().IsMatch(text) ? OffsetRequired
        : Reasons.WrongFormat;

    /// <summary>The time, or null when <paramref name="text"/> is none with its offset.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        text is not null && WithOffset().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex WithoutOffset();
}
