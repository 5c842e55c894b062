using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// What a healthy system says again and again stays out of the logs, its failures stay in (probe of 2026-12-05,
/// finding 6): the levels the service defaults set, read from the logging they configure, by the real category names.
/// </summary>
public sealed class LogFilterTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult")]
    [InlineData("Microsoft.AspNetCore.Http.HttpResults.ValidationProblem")]
    [InlineData("Yarp.ReverseProxy.Health.ActiveHealthCheckMonitor")]
    [InlineData("Microsoft.AspNetCore.StaticFiles.StaticFileMiddleware")]
    [InlineData("Npgsql.Copy")]
    [InlineData("Npgsql.Command")]
    public void Routine_lines_are_quiet_and_warnings_are_kept(string category)
    {
        using var host = Host();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
        Assert.False(logger.IsEnabled(LogLevel.Information), $"{category} logs at Information");
        Assert.True(logger.IsEnabled(LogLevel.Warning), $"{category} hides its warnings");
    }

    [Fact]
    public void The_services_own_lines_and_hub_failures_keep_their_levels()
    {
        using var host = Host();
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();
        Assert.True(loggers.CreateLogger("Municipal.Booking.Apis.BookingApi").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger<HubFailureLogging>().IsEnabled(LogLevel.Error));
    }

    private static IHost Host()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        return builder.Build();
    }
}
