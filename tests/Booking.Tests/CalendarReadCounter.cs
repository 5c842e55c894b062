using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Municipal.Booking.Tests;

/// <summary>
/// Counts the queries that read the calendar's tables (departments, concerns, hours, closures, staff skills), and
/// apart from them those that read appointments.
/// </summary>
public sealed partial class CalendarReadCounter : DbCommandInterceptor
{
    private int count;
    private int appointments;

    public int Count => Volatile.Read(ref count);

    public int AppointmentReads => Volatile.Read(ref appointments);

    /// <summary>The read that refuses an attempt on a slot already gone (every clerk booked then: a count of distinct clerks).</summary>
    public int TakenChecks => Volatile.Read(ref takenChecks);

    private int takenChecks;

    [GeneratedRegex(@"^SELECT\s+count\(DISTINCT\s+staff_id\)\s+AS\s+""Value""\s+FROM\s+appointments\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TakenCheck();

    [GeneratedRegex(@"\bFROM\s+""?appointments\b", RegexOptions.IgnoreCase)]
    private static partial Regex AppointmentsRead();

    [GeneratedRegex(@"\b(FROM|JOIN)\s+""?(departments|concerns|opening_hours|closures|staff_skills)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarRead();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && CalendarRead().IsMatch(command.CommandText))
            Interlocked.Increment(ref count);
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && AppointmentsRead().IsMatch(command.CommandText))
            Interlocked.Increment(ref appointments);
        if (TakenCheck().IsMatch(command.CommandText.TrimStart())) Interlocked.Increment(ref takenChecks);
        return ValueTask.FromResult(result);
    }
}
