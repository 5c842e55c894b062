using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Municipal.Booking.Slots;

/// <summary>
/// Drops <see cref="CalendarCache"/>'s copy as soon as this replica writes the calendar's tables, so the next request
/// here sees the change without waiting for Postgres' notification. It looks at the SQL EF sends (SaveChanges and
/// ExecuteUpdate/ExecuteDelete alike) and drops the copy after the write and again when its transaction commits
/// (a load between the two could have read the old rows).
/// </summary>
public sealed partial class CalendarChangeInterceptor(CalendarCache cache) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> pending = new();

    [GeneratedRegex(@"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE)\s+""?(departments|concerns|opening_hours|closures|staff_skills)\b",
        RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex CalendarWrite();

    private void Seen(DbCommand command, CommandEventData data)
    {
        if (!CalendarWrite().IsMatch(command.CommandText)) return;
        cache.Invalidate();
        if (data.Context is { } context && command.Transaction is not null) pending.AddOrUpdate(context, this);
    }

    private void Committed(TransactionEventData data)
    {
        if (data.Context is { } context && pending.Remove(context)) cache.Invalidate();
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
