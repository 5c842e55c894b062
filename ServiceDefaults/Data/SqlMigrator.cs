using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Municipal.ServiceDefaults.Data;

/// <summary>
/// Applies versioned SQL scripts embedded in assemblies (<c>Data/Migrations/NNNN_name.sql</c>) in order,
/// each in its own transaction, under a Postgres advisory lock so that instances starting together
/// apply each script once. An applied script whose text changed stops the start: history is not rewritten.
/// </summary>
public sealed class SqlMigrator(ILogger<SqlMigrator> logger)
{
    // An arbitrary constant: every service's migrator takes the same lock key in its own database.
    private const long AdvisoryLockKey = 0x4D756E6963697061;

    public sealed record Script(string Id, string Sql)
    {
        public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
    }

    /// <summary>Scripts embedded in an assembly, ordered by file name; the id is prefixed by <paramref name="scope"/>.</summary>
    public static IReadOnlyList<Script> FromAssembly(Assembly assembly, string scope) => FromAssembly(assembly, scope, "Data");

    /// <summary>
    /// Scripts embedded under <c>&lt;folder&gt;/Migrations</c> (<c>ResidentLinks</c>: what a building block of
    /// ServiceDefaults keeps in the database of the service it is added to), ordered by file name.
    /// </summary>
    public static IReadOnlyList<Script> FromAssembly(Assembly assembly, string scope, string folder)
    {
        var marker = $".{folder}.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                var file = n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^".sql".Length];
                return new Script($"{scope}/{file}", reader.ReadToEnd());
            })
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<int> MigrateAsync(string connectionString, IEnumerable<Script> scripts, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        await Execute(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id text PRIMARY KEY,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = new Dictionary<string, string>();
            await using (var read = new NpgsqlCommand("SELECT id, checksum FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var count = 0;
            foreach (var script in scripts)
            {
                if (applied.TryGetValue(script.Id, out var checksum))
                {
                    if (checksum != script.Checksum)
                    {
                        throw new InvalidOperationException($"Migration {script.Id} was changed after it was applied; add a new migration instead.");
                    }
                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await using (var apply = new NpgsqlCommand(script.Sql, connection, tx))
                {
                    await apply.ExecuteNonQueryAsync(cancellationToken);
                }
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (id, checksum) VALUES (@id, @checksum)", connection, tx))
                {
                    record.Parameters.AddWithValue("id", script.Id);
                    record.Parameters.AddWithValue("checksum", script.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await tx.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Migration}", script.Id);
                count++;
            }
            return count;
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
