using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Messaging;
using Municipal.ServiceDefaults.Tests.Messages;
using Municipal.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// The outbox and inbox against a real Postgres and RabbitMQ. RabbitMQ is reached through a TCP proxy, so
/// "the broker is down" is the proxy refusing connections while the shared broker keeps serving everyone else.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestVirtualHost virtualHost = null!;
    private TcpProxy broker = null!;
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("outbox");
        virtualHost = await TestVirtualHost.CreateAsync();
        var rabbit = new Uri(TestEnvironment.RabbitMq);
        broker = new TcpProxy(rabbit.Host, rabbit.Port).Start();

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = database.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = $"amqp://guest:guest@127.0.0.1:{broker.Port}/{virtualHost.Name}",
        });
        builder.AddServiceDatabase<TestDb>("testdb");
        builder.AddMessaging<TestDb>("outbox-test", bus => bus.AddConsumer<NoteWrittenConsumer>());
        host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        broker.Dispose();
        await virtualHost.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        var rolledBack = await Write("rolled back", commit: false);
        var committed = await Write("committed", commit: true);

        await Poll.UntilAsync(async () => await Received(committed) == 1, TimeSpan.FromSeconds(20), "the message did not arrive in time");
        Assert.Equal(0, await Received(rolledBack));
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TestDb>().OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task An_event_committed_while_the_broker_is_down_arrives_once_after_it_returns()
    {
        broker.Stop();
        var text = await Write("during outage", commit: true);

        await Task.Delay(TimeSpan.FromSeconds(3));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var pending = await scope.ServiceProvider.GetRequiredService<TestDb>().OutboxMessages.SingleAsync();
            Assert.Null(pending.SentAt);
        }
        Assert.Equal(0, await Received(text));

        broker.Start();

        await Poll.UntilAsync(async () => await Received(text) == 1, TimeSpan.FromSeconds(60), "the message did not arrive in time");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Received(text));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var sent = await scope.ServiceProvider.GetRequiredService<TestDb>().OutboxMessages.SingleAsync();
            Assert.NotNull(sent.SentAt);
        }
    }

    [Fact]
    public async Task A_redelivered_message_is_processed_once()
    {
        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var text = $"redelivered {messageId}";
        for (var i = 0; i < 3; i++)
        {
            await bus.Publish(new NoteWritten(Guid.NewGuid(), text), ctx => ctx.MessageId = messageId);
        }

        await Poll.UntilAsync(async () => await Received(text) == 1, TimeSpan.FromSeconds(20), "the message did not arrive in time");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Received(text));
    }

    [Fact]
    public async Task Events_written_one_after_another_leave_without_a_pass_over_an_empty_table_after_each()
    {
        using var passes = new RelayPasses();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            var text = await Write($"one of twenty, {i}", commit: true);
            await Poll.UntilAsync(async () => await Received(text) == 1, TimeSpan.FromSeconds(20), "the message did not arrive in time");
        }

        // Each event is taken by the pass its commit woke. Empty passes are the once-a-second poll (and a wake that
        // came while a pass was running); the relay used to pass once more over the empty table after every event.
        var polls = (int)clock.Elapsed.TotalSeconds + 1;
        Assert.True(passes.Empty <= polls + 2, $"{passes.Empty} empty passes for 20 events in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.InRange(passes.Found, 1, 20);
    }

    [Fact]
    public async Task More_events_than_a_batch_leave_in_full_batches()
    {
        using var passes = new RelayPasses();
        var texts = await Write("batch", commit: true, events: 250);

        await Poll.UntilAsync(async () => await Received(texts[^1]) == 1, TimeSpan.FromSeconds(30), "the message did not arrive in time");
        foreach (var text in texts) Assert.Equal(1, await Received(text));
        // 100, 100 and 50: a full batch is followed at once by the next pass, the last one is not.
        Assert.Equal(3, passes.Found);
    }

    private async Task<string> Write(string label, bool commit) => (await Write(label, commit, events: 1))[0];

    private async Task<List<string>> Write(string label, bool commit, int events)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var texts = new List<string>();
        for (var i = 0; i < events; i++)
        {
            var text = $"{label} {i} {Guid.NewGuid()}";
            var note = new Note { Id = Guid.NewGuid(), Text = text };
            db.Notes.Add(note);
            db.Publish(new NoteWritten(note.Id, text));
            texts.Add(text);
        }
        await db.SaveChangesAsync();
        if (commit) await tx.CommitAsync();
        else await tx.RollbackAsync();
        return texts;
    }

    /// <summary>Counts the relay's passes over the test's outbox from its instrument, by whether they found events.</summary>
    private sealed class RelayPasses : IDisposable
    {
        private readonly MeterListener listener = new();
        private int found;
        private int empty;

        public RelayPasses()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Telemetry.SourceName && instrument.Name == "municipal.outbox.passes") l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? outbox = null;
                bool? any = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "outbox") outbox = tag.Value as string;
                    if (tag.Key == "found") any = tag.Value as bool?;
                }
                if (outbox != nameof(TestDb)) return;
                if (any == true) Interlocked.Add(ref found, (int)value);
                else Interlocked.Add(ref empty, (int)value);
            });
            listener.Start();
        }

        public int Found => Volatile.Read(ref found);
        public int Empty => Volatile.Read(ref empty);

        public void Dispose() => listener.Dispose();
    }

    private async Task<int> Received(string text)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDb>().Received.CountAsync(r => r.Payload == text);
    }
}
