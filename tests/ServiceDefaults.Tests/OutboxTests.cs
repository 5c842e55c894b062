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

        await WaitUntil(async () => await Received(committed) == 1, TimeSpan.FromSeconds(20));
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

        await WaitUntil(async () => await Received(text) == 1, TimeSpan.FromSeconds(60));
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

        await WaitUntil(async () => await Received(text) == 1, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Received(text));
    }

    private async Task<string> Write(string label, bool commit)
    {
        var text = $"{label} {Guid.NewGuid()}";
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var note = new Note { Id = Guid.NewGuid(), Text = text };
        db.Notes.Add(note);
        db.Publish(new NoteWritten(note.Id, text));
        await db.SaveChangesAsync();
        if (commit) await tx.CommitAsync();
        else await tx.RollbackAsync();
        return text;
    }

    private async Task<int> Received(string text)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDb>().Received.CountAsync(r => r.Payload == text);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Condition not met within {timeout}.");
    }
}
