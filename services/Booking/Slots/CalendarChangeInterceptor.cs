using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Municipal.Booking.Slots;

/// <summary>
/// Drops <see cref="CalendarCache"/>'s copy as soon as this replica writes the calendar's tables, and
/// <see cref="FreeSlotCache"/>'s when it writes appointments, so the next request here sees the change without
/// waiting for Postgres' notification. It looks at the SQL EF sends (SaveChanges and ExecuteUpdate/ExecuteDelete
/// alike) and drops the copy after the write and again when its transaction commits (a load between the two could
/// have read the old rows).
/// </summary>
public sealed partial class CalendarChangeInterceptor(CalendarCache cache, FreeSlotCache freeSlots) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, StrongBox<Written>> pending = new();

    [Flags]
    private enum Written { Calendar = 1, Appointments = 2 }

    [GeneratedRegex(@"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE)\s+""?(departments|concerns|opening_hours|closures|staff_skills)\b",
        RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex CalendarWrite();

    [GeneratedRegex(@"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE)\s+""?appointments\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex AppointmentsWrite();

    private void Seen(DbCommand command, CommandEventData data)
    {
        var written = (CalendarWrite().IsMatch(command.CommandText) ? Written.Calendar : 0)
            | (AppointmentsWrite().IsMatch(command.CommandText) ? Written.Appointments : 0);
        if (written == 0) return;
        Drop(written);
        if (data.Context is { } context && command.Transaction is not null)
            pending.GetValue(context, _ => new StrongBox<Written>()).Value |= written;
    }

    private void Committed(TransactionEventData data)
    {
        if (data.Context is { } context && pending.TryGetValue(context, out var written) && pending.Remove(context)) Drop(written.Value);
    }

    private void Drop(Written written)
    {
        if (written.HasFlag(Written.Calendar)) cache.Invalidate();
        if (written.HasFlag(Written.Appointments)) freeSlots.Invalidate();
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Seen(command, eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Seen(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Seen(command, eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Seen(command, eventData);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData);
        return Task.CompletedTask;
    }
}
