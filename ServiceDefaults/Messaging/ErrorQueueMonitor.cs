using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Municipal.ServiceDefaults.Jobs;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Municipal.ServiceDefaults.Messaging;

/// <summary>
/// Counts the messages MassTransit moved to this service's <c>_error</c> queues (a consumer failed for good after its
/// retries), once a minute, by a passive declare of each queue (which creates nothing; a queue MassTransit has not made
/// yet, because nothing failed, counts 0), and reports them as the gauge <c>municipal.messages.failed</c> by queue.
/// Those messages carry residents' data and wait there until someone moves or deletes them (README, "Operations").
/// </summary>
public sealed class ErrorQueueMonitor : PollingJob
{
    public const string InstrumentName = "municipal.messages.failed";

    private readonly ErrorQueues queues;
    private readonly ConnectionFactory factory;
    private readonly ConcurrentDictionary<string, long> counts = new();

    public ErrorQueueMonitor(ErrorQueues queues, IConfiguration configuration, IMeterFactory meters, ILogger<ErrorQueueMonitor> logger)
        : base(logger)
    {
        this.queues = queues;
        factory = new ConnectionFactory { Uri = MessagingExtensions.RabbitMqUri(configuration), ClientProvidedName = "error-queue-monitor" };
        meters.Create(Telemetry.SourceName).CreateObservableGauge(InstrumentName,
            () => counts.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("queue", c.Key))),
            "{message}", "Messages in this service's _error queues: consumed and failed for good, waiting for an operator.");
    }

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var connection = await factory.CreateConnectionAsync(ct);
        var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            foreach (var queue in queues.Names)
            {
                try
                {
                    counts[queue] = (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
                }
                catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
                {
                    // Not made yet: nothing has failed there. The broker closed the channel with its answer.
                    counts[queue] = 0;
                    await channel.DisposeAsync();
                    channel = await connection.CreateChannelAsync(cancellationToken: ct);
                }
            }
        }
        finally
        {
            await channel.DisposeAsync();
        }
        return counts.Values.Count(c => c > 0);
    }
}
