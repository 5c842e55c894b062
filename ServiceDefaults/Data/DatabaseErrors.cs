using Npgsql;

namespace Municipal.ServiceDefaults.Data;

/// <summary>What a failed database call means, asked in one place rather than by each caller's own SQLSTATE test.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// Postgres' 23505, itself or wrapped by EF (<c>DbUpdateException</c>): a row with the same unique key was written
    /// first, often by a request running beside this one.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation };
}
