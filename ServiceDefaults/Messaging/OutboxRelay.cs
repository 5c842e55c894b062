using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.Messaging;

/// <summary>
/// Publishes stored events in order. A row is marked sent only after the broker confirmed it (MassTransit
/// uses publisher confirms on RabbitMQ); a failure backs off exponentially and is retried without limit,
/// so a broker outage delays events but never drops one. Rows are locked with SKIP LOCKED, so several
/// instances of a service share the work without publishing a row twice.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext, IOutboxContext
{
    private const int BatchSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private static readonly Counter<long> Passes = Telemetry.Meter.CreateCounter<long>("municipal.outbox.passes", "{pass}",
        "Passes of the outbox relay over its table (outbox: the service's database context), by whether they found events due (found=true) or none.");
    private static readonly Counter<long> Published = Telemetry.Meter.CreateCounter<long>("municipal.outbox.published", "{event}",
        "Events the outbox relay published and the broker confirmed.");
    private static readonly string Outbox = typeof(TContext).Name;
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await RelayBatchAsync(stoppingToken);
                await CleanupAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Typically the database is unreachable: nothing is lost, the rows stay pending.
                logger.LogWarning(ex, "Outbox relay pass failed; retrying");
            }

            // Only a full batch may have left due rows behind. A smaller one took every row committed before it began,
            // and a commit since then has woken the signal, so the relay does not pass once more over an empty table
            // after each event (issue 18: three statements per booking). Rows of another replica and retries that
            // fall due wait for the poll.
            if (published < BatchSize)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Publishes one batch of due rows; returns how many were confirmed by the broker.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        var batch = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND next_attempt_at <= now() ORDER BY created_at, id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        Passes.Add(1, new KeyValuePair<string, object?>("found", batch.Count > 0), new KeyValuePair<string, object?>("outbox", Outbox));

        var published = 0;
        foreach (var message in batch)
        {
            try
            {
                await PublishAsync(message, cancellationToken);
                message.SentAt = DateTimeOffset.UtcNow;
                published++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                message.Attempts++;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(message.Attempts, 16))));
                message.NextAttemptAt = DateTimeOffset.UtcNow + backoff;
                message.LastError = ex.Message;
                logger.LogWarning(ex, "Publishing {MessageType} {MessageId} failed (attempt {Attempt}); next try in {Backoff}",
                    message.MessageType, message.Id, message.Attempts, backoff);
                // Later rows would fail the same way and must not overtake this one.
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        Published.Add(published, new KeyValuePair<string, object?>("outbox", Outbox));
        return published;
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = MessageTypes.Resolve(message.MessageType);
        var payload = JsonSerializer.Deserialize(message.Body, type, JsonSerializerOptions.Web)!;

        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = Telemetry.Source.StartActivity($"outbox publish {type.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.Id);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        await bus.Publish(payload, type, Pipe.Execute<PublishContext>(ctx => ctx.MessageId = message.Id), timeout.Token);
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow < nextCleanup)
        {
            return;
        }
        nextCleanup = DateTimeOffset.UtcNow.AddHours(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = DateTimeOffset.UtcNow - Retention;
        await db.Database.ExecuteSqlAsync($"DELETE FROM outbox_messages WHERE sent_at < {cutoff}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM inbox_messages WHERE processed_at < {cutoff - Retention}", cancellationToken);
    }
}
