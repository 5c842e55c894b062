using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Municipal.ServiceDefaults.Jobs;

/// <summary>
/// A background pass repeated every <see cref="Interval"/>: a failed pass (database or broker away) is logged
/// and tried again on the next turn, so an outage delays the work and loses none of it. The first pass runs at
/// start; the wait between passes is on <paramref name="clock"/> (the system's unless given), so a test that owns the
/// clock owns the timer too.
/// </summary>
public abstract class PollingJob(ILogger logger, TimeProvider? clock = null) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>The job's clock: "now" for its pass and the timer between passes.</summary>
    protected TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>One pass; the number of items it handled. A full batch is followed at once by another pass.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected virtual int BatchSize => int.MaxValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) >= BatchSize) { }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Job} pass failed; retrying", GetType().Name);
            }
            try { await Task.Delay(Interval, Clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
