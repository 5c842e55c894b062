using System.Globalization;
using Municipal.Benchmarks.Consultation;
using Municipal.Testing;

namespace Municipal.Benchmarks;

/// <summary>
/// CPU time of each part of the running system (issue 18: what a booking costs in each process), read from /proc. A
/// part is found by the port it listens on, since several systems run side by side on this machine: the gateway, the
/// five services, and the infrastructure of this instance (Postgres with all its backends, RabbitMQ, Redis, the SMTP
/// sink). The whole machine's busy time, every process included, comes from /proc/stat.
/// </summary>
public static class ProcessCpu
{
    public const string WholeMachine = "whole machine";

    private static readonly string[] Services = ["booking", "sessions", "identity", "forms", "documents"];

    /// <summary>Seconds of CPU (user and system) each part has used so far; a part not found is left out.</summary>
    public static Dictionary<string, double> Snapshot()
    {
        var parts = new List<(string Name, int Port, bool WithChildren)> { ("gateway", new Uri(TestEnvironment.GatewayUrl).Port, false) };
        foreach (var service in Services)
        {
            if (TestEnvironment.Get($"services__{service}__http__0", "") is { Length: > 0 } url) parts.Add((service, new Uri(url).Port, false));
        }
        parts.Add(("Postgres", new Npgsql.NpgsqlConnectionStringBuilder(TestEnvironment.Postgres("bookingdb")).Port, true));
        parts.Add(("RabbitMQ", new Uri(TestEnvironment.RabbitMq).Port, false));
        parts.Add(("Redis", int.Parse(TestEnvironment.Redis.Split(',')[0].Split(':')[^1], CultureInfo.InvariantCulture), false));
        parts.Add(("SMTP sink", new Uri(TestEnvironment.Smtp).Port, false));

        var children = Processes.Parents();
        var seconds = new Dictionary<string, double>();
        foreach (var (name, port, withChildren) in parts)
        {
            if (ProcessMemory.ListeningOn(port) is not { } pid) continue;
            var pids = withChildren ? children.Where(c => c.Value == pid).Select(c => c.Key).Prepend(pid) : [pid];
            seconds[name] = pids.Select(ProcessMemory.CpuSeconds).Where(s => !double.IsNaN(s)).Sum();
        }
        if (MachineLoad.CpuTimes() is { } machine) seconds[WholeMachine] = (machine.Total - machine.Idle) / 100.0;
        return seconds;
    }

    /// <summary>The figures of what each part used between two snapshots, in milliseconds per <paramref name="per"/> operation.</summary>
    public static IEnumerable<BenchmarkFigure> PerOperation(Dictionary<string, double> before, Dictionary<string, double> after, int per, string what) =>
        after.Where(a => before.ContainsKey(a.Key))
            .Select(a => new BenchmarkFigure($"{what}: CPU of {a.Key}", Math.Round((a.Value - before[a.Key]) * 1000 / per, 2), "ms"));
}
