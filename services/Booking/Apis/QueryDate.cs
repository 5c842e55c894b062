using System.Globalization;

namespace Municipal.Booking.Apis;

/// <summary>A date in a query string (<c>yyyy-MM-dd</c>), as the slots and the statistics take it.</summary>
public static class QueryDate
{
    /// <summary>The date given, or <paramref name="fallback"/> when none was; false when the value is no such date.</summary>
    public static bool TryRead(string? value, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(value)) { date = fallback; return true; }
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
