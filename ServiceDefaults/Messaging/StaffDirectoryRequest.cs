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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        bus.RunOnceBoundAsync("Asking for the staff accounts", async cancellationToken =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            db.OutboxMessages.Add(OutboxMessage.For(new StaffDirectoryRequested(service, clock.GetUtcNow())));
            await db.SaveChangesAsync(cancellationToken);
        }, clock, logger, stoppingToken);
}
