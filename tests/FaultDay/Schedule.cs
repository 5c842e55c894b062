using System.Diagnostics;
using Municipal.Testing;

namespace Municipal.FaultDay;

/// <summary>
/// The day's script: steady traffic, then each component stopped for <see cref="Outage"/> and started again,
/// with <see cref="Calm"/> of normal operation after each restart. The components are those of the private
/// infrastructure scripts/fault-day started; scripts/infra refuses to stop a shared one.
/// </summary>
public sealed class Schedule(TimeSpan outage, TimeSpan calm, IReadOnlyList<string> components)
{
    private volatile string phase = "steady";

    public TimeSpan Outage { get; } = outage;
    public TimeSpan Calm { get; } = calm;
    public IReadOnlyList<string> Components { get; } = components;
    public string CurrentPhase => phase;
    public List<(string Phase, DateTimeOffset From, DateTimeOffset To)> Timeline { get; } = [];

    public IEnumerable<string> Phases => new[] { "steady" }.Concat(Components.SelectMany(c => new[] { $"{c} down", $"after {c}" }));

    public async Task RunAsync(Action<string> log, CancellationToken cancellationToken)
    {
        await PhaseAsync("steady", Calm, log, begin: null, cancellationToken);
        foreach (var component in Components)
        {
            // The stop belongs to the outage: what first fails while the component shuts down fails because of it.
            await PhaseAsync($"{component} down", Outage, log, () => InfraAsync("stop", component, log), cancellationToken);
            // The restart itself (RabbitMQ needs ~15 s) counts to the time after the outage.
            var restarting = $"after {component}";
            phase = restarting;
            var from = DateTimeOffset.UtcNow;
            await InfraAsync("start", component, log);
            await Task.Delay(Calm, cancellationToken);
            Timeline.Add((restarting, from, DateTimeOffset.UtcNow));
        }
    }

    private async Task PhaseAsync(string name, TimeSpan length, Action<string> log, Func<Task>? begin, CancellationToken cancellationToken)
    {
        phase = name;
        var from = DateTimeOffset.UtcNow;
        if (begin is not null) await begin();
        log($"phase: {name} ({length.TotalSeconds:0} s)");
        await Task.Delay(length, cancellationToken);
        Timeline.Add((name, from, DateTimeOffset.UtcNow));
    }

    private static async Task InfraAsync(string verb, string component, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "infra"), [verb, component])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/infra {verb} {component} failed: {output}");
        log($"{component} {(verb == "stop" ? "stopped" : "started again")} ({clock.Elapsed.TotalSeconds:0.0} s)");
    }
}
