using MassTransit;
using Microsoft.Extensions.Logging;

namespace Municipal.ServiceDefaults.Messaging;

public static class BusReadiness
{
    /// <summary>
    /// Runs <paramref name="step"/> once this host's bus is healthy (its queues bound), and again after a failure,
    /// backing off up to 30 s, until it succeeds or the host stops.
    /// </summary>
    public static async Task RunOnceBoundAsync(this IBusControl bus, string what, Func<CancellationToken, Task> step,
        TimeProvider clock, ILogger logger, CancellationToken stoppingToken)
    {
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Typically the database is not reachable yet: the step waits for it, as every event does.
                logger.LogWarning(ex, "{What} failed (attempt {Attempt}); trying again", what, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), clock, stoppingToken);
            }
        }
    }
}
