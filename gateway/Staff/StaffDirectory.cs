using MassTransit;
using Municipal.Contracts.Staff;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Gateway.Staff;

/// <summary>
/// Publishes every staff account's state: once at start, when the gateway's bus is healthy (its own queue for
/// <see cref="StaffDirectoryRequested"/> bound), and again for each service that asks after it. On a fresh broker a
/// service's queue may not exist yet when the start-up broadcast leaves, and RabbitMQ drops what no queue takes; that
/// service asks once its queues are bound, and whichever of the two comes last reaches the other side.
/// </summary>
internal sealed class StaffDirectory(IServiceScopeFactory scopes, IBusControl bus, TimeProvider clock, ILogger<StaffDirectory> logger) : BackgroundService
{
    /// <summary>How long an answer waits for more asks: the services of a fresh system ask within a second or two.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim broadcasting = new(1, 1);
    private DateTimeOffset lastBroadcast = DateTimeOffset.MinValue;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        bus.RunOnceBoundAsync("Publishing every staff account", cancellationToken => BroadcastAsync(DateTimeOffset.MinValue, cancellationToken),
            clock, logger, stoppingToken);

    /// <summary>
    /// Publishes every account through the outbox, unless a broadcast began after <paramref name="receivedAt"/>, when
    /// the gateway received the ask (by its own clock): that one left after the asking service's queues were bound.
    /// Returns whether it published.
    /// </summary>
    public async Task<bool> BroadcastAsync(DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await broadcasting.WaitAsync(cancellationToken);
        try
        {
            if (lastBroadcast > receivedAt) return false;
            var began = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().PublishAllAsync();
            lastBroadcast = began;
            return true;
        }
        finally
        {
            broadcasting.Release();
        }
    }
}

/// <summary>
/// Answers a service's <see cref="StaffDirectoryRequested"/> with every account's state. It waits a moment first, so
/// that the asks of services starting together get one answer.
/// </summary>
internal sealed class StaffDirectoryRequestedConsumer(StaffDirectory directory, TimeProvider clock, ILogger<StaffDirectoryRequestedConsumer> logger)
    : IConsumer<StaffDirectoryRequested>
{
    public async Task Consume(ConsumeContext<StaffDirectoryRequested> context)
    {
        var received = clock.GetUtcNow();
        await Task.Delay(StaffDirectory.Gather, clock, context.CancellationToken);
        var published = await directory.BroadcastAsync(received, context.CancellationToken);
        logger.LogInformation("{Service} asked for the staff accounts at {RequestedAt}: {Answer}", context.Message.Service,
            context.Message.RequestedAt, published ? "published every account" : "answered by a broadcast since");
    }
}
