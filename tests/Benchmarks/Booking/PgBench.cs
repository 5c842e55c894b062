using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Municipal.Benchmarks.Booking;

/// <summary>
/// The raw-insert baseline once more with Postgres's own load generator, <c>pgbench</c> (issue 18): the same
/// single-row INSERT into the same table shape, the same number of clients, written in C with prepared statements, so
/// the baseline does not carry this process's own client cost. Every transaction's latency is taken from pgbench's
/// log (<c>-l</c>), so its p50 and p99 read like the other figures'. pgbench comes with the Postgres server package
/// the scripts install.
/// </summary>
public static class PgBench
{
    private const string Script = """
        \set n random(1, 1000000000)
        INSERT INTO rows (id, start_at, email, name) VALUES (gen_random_uuid(), now() + interval '1 day', 'raw.' || :n || '@example.org', 'Raw ' || :n);
        """;

    public sealed record Run(double Throughput, double P50, double P99, int Transactions);

    /// <summary>
    /// Runs <paramref name="perClient"/> autocommitted inserts on each of <paramref name="clients"/> connections into a
    /// fresh table of <paramref name="connectionString"/>'s database, after an unmeasured round of 20 each.
    /// </summary>
    public static async Task<Run> InsertsAsync(string connectionString, int clients, int perClient, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("pgbench-");
        try
        {
            var script = Path.Combine(directory.FullName, "insert.sql");
            await File.WriteAllTextAsync(script, Script, ct);
            await RunAsync(connectionString, clients, 20, script, logPrefix: null, ct);
            var prefix = Path.Combine(directory.FullName, "tx");
            var output = await RunAsync(connectionString, clients, perClient, script, prefix, ct);

            var latencies = Directory.GetFiles(directory.FullName, "tx.*")
                .SelectMany(File.ReadLines)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 3)
                .Select(fields => double.Parse(fields[2], CultureInfo.InvariantCulture) / 1000.0)
                .Order()
                .ToList();
            if (latencies.Count != clients * perClient)
                throw new InvalidOperationException($"pgbench logged {latencies.Count} of {clients * perClient} transactions:\n{output}");
            double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
            return new Run(Tps(output), Percentile(0.50), Percentile(0.99), latencies.Count);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The "tps = …" pgbench prints, without the time its connections took to open.</summary>
    private static double Tps(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pgbench printed no throughput:\n{output}");
        return double.Parse(line["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunAsync(string connectionString, int clients, int perClient, string script, string? logPrefix, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--no-vacuum", "--protocol=prepared", $"--client={clients}", $"--jobs={Math.Min(clients, Environment.ProcessorCount)}",
                $"--transactions={perClient}", $"--file={script}",
                $"--host={connection.Host}", $"--port={connection.Port}", $"--username={connection.Username}", connection.Database!,
            },
        };
        if (logPrefix is not null)
        {
            start.ArgumentList.Insert(0, "--log");
            start.ArgumentList.Insert(1, $"--log-prefix={logPrefix}");
        }
        if (!string.IsNullOrEmpty(connection.Password)) start.Environment["PGPASSWORD"] = connection.Password;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench exited with {process.ExitCode}:\n{output}");
        return output;
    }

    /// <summary>The newest server version's pgbench (Debian keeps it beside the server), else the one on the PATH.</summary>
    private static string Executable() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin", "pgbench"))
                .Where(File.Exists)
                .OrderByDescending(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), out var v) ? v : 0)
                .FirstOrDefault() ?? "pgbench"
            : "pgbench";
}
