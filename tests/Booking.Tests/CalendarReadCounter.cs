using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Municipal.Booking.Tests;

/// <summary>Counts the queries that read the calendar's tables (departments, concerns, hours, closures, staff skills).</summary>
public sealed partial class CalendarReadCounter : DbCommandInterceptor
{
    private int count;

    public int Count => Volatile.Read(ref count);

    [GeneratedRegex(@"\b(FROM|JOIN)\s+""?(departments|concerns|opening_hours|closures|staff_skills)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarRead();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && CalendarRead().IsMatch(command.CommandText))
            Interlocked.Increment(ref count);
        return ValueTask.FromResult(result);
    }
}
