using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Messaging;
using Municipal.ServiceDefaults.Tests.Messages;
using Municipal.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// A message a consumer fails for good lands in its endpoint's <c>_error</c> queue, and the service says so in the gauge
/// <c>municipal.messages.failed</c> (probe of 2026-12-05, finding 3): a real consumer failing on a real RabbitMQ.
/// </summary>
public sealed class ErrorQueueMonitorTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestVirtualHost virtualHost = null!;
    private IHost host = null!;

    public sealed class FailingConsumer : IConsumer<NoteWritten>
    {
        public Task Consume(ConsumeContext<NoteWritten> context) => throw new InvalidOperationException("a bug in the consumer");
    }

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("errorqueue");
        virtualHost = await TestVirtualHost.CreateAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = database.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = virtualHost.ConnectionString,
        });
        builder.AddServiceDatabase<TestDb>("testdb");
        builder.AddMessaging<TestDb>("errors-test", bus => bus.AddConsumer<FailingConsumer>());
        host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        await virtualHost.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_message_that_failed_for_good_is_counted_in_its_error_queue()
    {
        var monitor = host.Services.GetRequiredService<ErrorQueueMonitor>();
        using var gauge = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), Telemetry.SourceName, ErrorQueueMonitor.InstrumentName);
        var queue = Assert.Single(host.Services.GetRequiredService<ErrorQueues>().Names, n => n.Contains("failing"));

        await monitor.RunOnceAsync(CancellationToken.None);
        gauge.RecordObservableInstruments();
        Assert.Contains(gauge.GetMeasurementSnapshot(), m => (string?)m.Tags["queue"] == queue && m.Value == 0);

        await host.Services.GetRequiredService<IBus>().Publish(new NoteWritten(Guid.NewGuid(), "fails"));
        // Its retries first (a few seconds), then the error queue.
        await Poll.UntilAsync(async () =>
        {
            await monitor.RunOnceAsync(CancellationToken.None);
            gauge.RecordObservableInstruments();
            return gauge.GetMeasurementSnapshot().Any(m => (string?)m.Tags["queue"] == queue && m.Value == 1);
        }, TimeSpan.FromSeconds(90), $"no message counted in {queue}");
    }
}
