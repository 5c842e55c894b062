using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Municipal.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// Operator probe, 2026-12-05: every start wrote "masstransit-bus Unhealthy" at Error (the AppHost's probes came before
/// the bus), and an outage wrote an Error per probe. A check's changes are said once each: not yet healthy while the
/// service starts at Information; a failure once at Error, when it begins or when the start is over; its end once.
/// </summary>
public sealed class HealthChangeLogTests
{
    private readonly TestClock clock = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<HealthChangeLog> logger = new();

    [Fact]
    public async Task A_bus_not_yet_started_is_no_error_and_an_outage_is_said_once_at_its_start_and_once_at_its_end()
    {
        var log = new HealthChangeLog(logger, clock);

        await log.PublishAsync(Report(("masstransit-bus", HealthStatus.Unhealthy), ("postgres", HealthStatus.Healthy)), default);
        clock.Advance(TimeSpan.FromSeconds(10));
        await log.PublishAsync(Report(("masstransit-bus", HealthStatus.Unhealthy), ("postgres", HealthStatus.Healthy)), default);
        clock.Advance(TimeSpan.FromSeconds(10));
        await log.PublishAsync(Report(("masstransit-bus", HealthStatus.Healthy), ("postgres", HealthStatus.Healthy)), default);

        var start = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, start.Level);
        Assert.Contains("masstransit-bus", start.Message);
        Assert.Contains("while the service starts", start.Message);

        clock.Advance(TimeSpan.FromMinutes(5));
        logger.Collector.Clear();
        for (var probe = 0; probe < 6; probe++)
        {
            await log.PublishAsync(Report(("masstransit-bus", HealthStatus.Unhealthy), ("postgres", HealthStatus.Healthy)), default);
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        await log.PublishAsync(Report(("masstransit-bus", HealthStatus.Healthy), ("postgres", HealthStatus.Healthy)), default);

        var lines = logger.Collector.GetSnapshot();
        Assert.Equal([LogLevel.Error, LogLevel.Information], lines.Select(l => l.Level));
        Assert.Contains("masstransit-bus is unhealthy: broker away", lines[0].Message);
        Assert.Contains("healthy again; it was Unhealthy for 60 s", lines[1].Message);
    }

    [Fact]
    public async Task A_check_that_never_became_healthy_is_an_error_once_the_start_is_over()
    {
        var log = new HealthChangeLog(logger, clock);
        for (var probe = 0; probe < 10; probe++)
        {
            await log.PublishAsync(Report(("smtp", HealthStatus.Unhealthy)), default);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        var lines = logger.Collector.GetSnapshot();
        Assert.Equal([LogLevel.Information, LogLevel.Error], lines.Select(l => l.Level));
        Assert.Contains("smtp is unhealthy", lines[1].Message);
    }

    [Fact]
    public void The_service_defaults_publish_the_checks_changes_and_quiet_the_per_probe_line()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        using var host = builder.Build();

        Assert.Contains(host.Services.GetServices<IHealthCheckPublisher>(), p => p is HealthChangeLog);
        var perProbe = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService");
        Assert.False(perProbe.IsEnabled(LogLevel.Error));
        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger<HealthChangeLog>().IsEnabled(LogLevel.Information));
    }

    private static HealthReport Report(params (string Name, HealthStatus Status)[] checks) =>
        new(checks.ToDictionary(c => c.Name, c => new HealthReportEntry(c.Status, c.Status == HealthStatus.Healthy ? null : "broker away", TimeSpan.Zero, null, null)),
            TimeSpan.Zero);
}
