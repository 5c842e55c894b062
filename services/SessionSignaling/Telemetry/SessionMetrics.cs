using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Telemetry;

/// <summary>
/// The consultation's instruments on the shared "Municipal" meter. <c>municipal.sessions.active</c> is read from the
/// database when metrics are collected (not counted up and down in memory), so it stays right across replicas and
/// restarts; every replica reports the same figure, tell them apart by <c>service.instance.id</c>.
/// A hosted service only so that the gauge exists from start-up; it runs nothing.
/// </summary>
public sealed class SessionMetrics : IHostedService
{
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly ILogger<SessionMetrics> logger;
    private readonly Histogram<double> handlingTime;

    public SessionMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SessionMetrics> logger)
    {
        (this.scopes, this.clock, this.logger) = (scopes, clock, logger);
        var meter = meters.Create(ServiceDefaults.Telemetry.SourceName);
        meter.CreateObservableGauge("municipal.sessions.active", ObserveActive, "{session}",
            "Consultations a clerk is holding right now, by department.");
        handlingTime = meter.CreateHistogram<double>("municipal.sessions.handling_time", "s",
            "Time from a clerk taking a consultation until it ended, by department.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400] });
    }

    public void Ended(Room room, TimeSpan handling) =>
        handlingTime.Record(Math.Max(0, handling.TotalSeconds), new KeyValuePair<string, object?>("department", room.DepartmentKey));

    private IEnumerable<Measurement<long>> ObserveActive()
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
            var now = clock.GetUtcNow();
            return db.Rooms.AsNoTracking()
                .Where(r => r.Status == RoomStatus.Active && r.ExpiresAt > now)
                .GroupBy(r => r.DepartmentKey)
                .Select(g => new { Department = g.Key, Count = g.LongCount() })
                .ToList()
                .Select(d => new Measurement<long>(d.Count, new KeyValuePair<string, object?>("department", d.Department)))
                .ToList();
        }
        catch (Exception ex)
        {
            // The database is away: no reading this time rather than a wrong zero.
            logger.LogDebug(ex, "Active sessions could not be read");
            return [];
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
