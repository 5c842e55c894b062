using Municipal.Testing;
using Npgsql;

namespace Municipal.Benchmarks;

/// <summary>
/// What the system asks of Postgres, per database (issue 18): statements run and transactions committed, read from
/// <c>pg_stat_statements</c>, which the AppHost's Postgres loads (<c>AppHost/Infrastructure/postgres.sh</c>). Unlike
/// CPU time, these counts do not move with the machine's load, so two runs of different code compare exactly. The
/// view counts a statement when it ends, at once; the once-a-second polls of each service's outbox relay are in
/// the window too (three statements a second and service). Null where the library is not loaded (a Postgres started
/// some other way): the benchmark then leaves the figures out.
/// </summary>
public static class DatabaseStatements
{
    public static async Task<Dictionary<string, (long Statements, long Commits)>?> SnapshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
            await connection.OpenAsync(cancellationToken);
            await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var query = new NpgsqlCommand(
                """
                SELECT d.datname, sum(s.calls)::bigint, coalesce(sum(s.calls) FILTER (WHERE upper(s.query) = 'COMMIT'), 0)::bigint
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname <> 'postgres'
                GROUP BY d.datname
                """, connection);
            var counts = new Dictionary<string, (long, long)>();
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            return counts;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.ObjectNotInPrerequisiteState or PostgresErrorCodes.UndefinedFile)
        {
            // pg_stat_statements must be loaded via shared_preload_libraries; without it, no figures.
            return null;
        }
    }

    /// <summary>Statements and commits per operation in each database that did any, between two snapshots.</summary>
    public static IEnumerable<BenchmarkFigure> PerOperation(Dictionary<string, (long Statements, long Commits)>? before,
        Dictionary<string, (long Statements, long Commits)>? after, int per, string what)
    {
        if (before is null || after is null) yield break;
        foreach (var (database, (statements, commits)) in after.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var (statementsBefore, commitsBefore) = before.GetValueOrDefault(database);
            if (statements == statementsBefore) continue;
            yield return new BenchmarkFigure($"{what}: statements in {database}", Math.Round((statements - statementsBefore) / (double)per, 2), "");
            yield return new BenchmarkFigure($"{what}: transactions committed in {database}", Math.Round((commits - commitsBefore) / (double)per, 2), "");
        }
    }
}
