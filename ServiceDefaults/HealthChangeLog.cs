using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Municipal.ServiceDefaults;

/// <summary>
/// Logs each health check's changes, once each, instead of a line per probe. ASP.NET Core logs every probe of
/// <c>/health</c> that finds a check unhealthy at Error: the AppHost's probes at every start found the bus not yet
/// started (operator probe, 2026-12-05: "masstransit-bus Unhealthy" in red on the dashboard at each start, for
/// nothing), and an outage of the broker wrote an Error per probe and check for as long as it lasted.
/// Here a check that is not yet healthy while the service starts is said at Information, and later a check that
/// turns unhealthy is said once at Error with its description, and once more, at Information, when it is healthy again.
/// </summary>
public sealed class HealthChangeLog(ILogger<HealthChangeLog> logger, TimeProvider? clock = null) : IHealthCheckPublisher
{
    // The wall's time, not a service's TimeProvider that tests set to a day in 2027.
    private readonly TimeProvider time = clock ?? TimeProvider.System;

    /// <summary>How long after the service's start a check that is not yet healthy is still starting, not failing.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(60);

    private readonly DateTimeOffset started = (clock ?? TimeProvider.System).GetUtcNow();
    /// <summary>Each check's last status, since when, and whether it was said as the start's only.</summary>
    private readonly Dictionary<string, (HealthStatus Status, DateTimeOffset Since, bool Starting)> last = [];

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var starting = now - started < StartGrace;
        lock (last)
        {
            foreach (var (name, entry) in report.Entries)
            {
                var known = last.TryGetValue(name, out var before);
                // Unchanged is said no more; but one not healthy since the start is said as a failure once the start is over.
                if (known && before.Status == entry.Status && !(before.Starting && !starting)) continue;
                var since = known && before.Status == entry.Status ? before.Since : now;
                last[name] = (entry.Status, since, starting && entry.Status != HealthStatus.Healthy);
                Log(name, entry, known && before.Status != entry.Status ? before : null, starting, now);
            }
        }
        return Task.CompletedTask;
    }

    private void Log(string name, HealthReportEntry entry, (HealthStatus Status, DateTimeOffset Since, bool Starting)? before, bool starting,
        DateTimeOffset now)
    {
        switch (entry.Status)
        {
            case HealthStatus.Healthy when before is { Starting: false } was:
                logger.LogInformation("Health check {Check} is healthy again; it was {Status} for {Seconds:0} s", name, was.Status, (now - was.Since).TotalSeconds);
                break;
            case HealthStatus.Healthy:
                break;
            case var status when starting:
                logger.LogInformation("Health check {Check} is {Status} while the service starts: {Description}", name, status, entry.Description);
                break;
            case HealthStatus.Degraded:
                logger.LogWarning(entry.Exception, "Health check {Check} is degraded: {Description}", name, entry.Description);
                break;
            default:
                logger.LogError(entry.Exception, "Health check {Check} is unhealthy: {Description}", name, entry.Description);
                break;
        }
    }
}
