using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Municipal.Contracts.Staff;

namespace Municipal.ServiceDefaults.Messaging;

/// <summary>
/// Asks for every staff account once this service's queues are bound (<see cref="StaffDirectoryRequested"/>). On a
/// fresh broker the gateway and the services start side by side, and the accounts the gateway publishes at its start
/// are dropped by RabbitMQ if this service's queue was not bound yet: sessions then refused a transfer to a department
/// it had never heard of. The ask goes through the outbox, after the bus is healthy; the gateway sends its own start-up
/// broadcast after its bus is healthy too, so whichever of the two comes last reaches the other side.
/// </summary>
public sealed class StaffDirectoryRequest<TContext>(
    IBusControl bus, IServiceScopeFactory scopes, TimeProvider clock, string service, ILogger<StaffDirectoryRequest<TContext>> logger)
    : BackgroundService where TContext : DbContext, IOutboxContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                db.OutboxMessages.Add(OutboxMessage.For(new StaffDirectoryRequested(service, clock.GetUtcNow())));
                await db.SaveChangesAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is not reachable yet: the ask waits for it, as every event does.
                logger.LogWarning(ex, "Asking for the staff accounts failed (attempt {Attempt}); trying again", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), clock, stoppingToken);
            }
        }
    }
}
