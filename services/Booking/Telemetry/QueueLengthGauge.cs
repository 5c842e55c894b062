using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Queue;

namespace Municipal.Booking.Telemetry;

/// <summary>
/// <c>municipal.queue.length</c>: residents waiting in the live queue (Redis) per department, read whenever the
/// metrics are collected. A hosted service only so that the gauge exists from start-up; it runs nothing.
/// </summary>
public sealed class QueueLengthGauge : IHostedService
{
    private readonly IServiceScopeFactory scopes;
    private readonly QueueStore queue;
    private readonly ILogger<QueueLengthGauge> logger;

    public QueueLengthGauge(IMeterFactory meters, IServiceScopeFactory scopes, QueueStore queue, ILogger<QueueLengthGauge> logger)
    {
        (this.scopes, this.queue, this.logger) = (scopes, queue, logger);
        meters.Create(ServiceDefaults.Telemetry.SourceName)
            .CreateObservableGauge("municipal.queue.length", Observe, "{resident}", "Residents waiting in the live queue.");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
            var concerns = db.Concerns.AsNoTracking().Select(c => new { c.Key, c.DepartmentKey }).ToList();
            return concerns.GroupBy(c => c.DepartmentKey)
                .Select(d => new Measurement<long>(d.Sum(c => queue.WaitingCount(c.Key)), new KeyValuePair<string, object?>("department", d.Key)))
                .ToList();
        }
        catch (Exception ex)
        {
            // Redis or the database is away: no reading this time rather than a wrong zero.
            logger.LogDebug(ex, "Queue length could not be read");
            return [];
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
