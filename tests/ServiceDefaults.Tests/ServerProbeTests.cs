using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Municipal.ServiceDefaults.Mail;
using Municipal.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// The mail server and the virus scanner are in <c>/health</c> (probe of 2026-12-05, finding 8): answering, they are
/// healthy; away, the service is degraded, not unhealthy (the fault day: their outage only delays mails and scans, so the
/// service stays in the gateway's rotation). Against the real SMTP sink and clamd, and a port nobody listens on.
/// </summary>
public sealed class ServerProbeTests
{
    [Fact]
    public async Task A_service_that_sends_mail_names_the_mail_server_in_its_health()
    {
        var answering = await HealthAsync(TestEnvironment.Smtp);
        Assert.Equal(HealthStatus.Healthy, answering.Entries["smtp"].Status);

        var away = await HealthAsync($"smtp://127.0.0.1:{UnusedPort()}");
        Assert.Equal(HealthStatus.Degraded, away.Entries["smtp"].Status);
        Assert.Equal(HealthStatus.Degraded, away.Status);
    }

    [Fact]
    public async Task The_virus_scanner_answers_its_ping_and_is_degraded_when_away()
    {
        var answering = await CheckAsync(new Uri(TestEnvironment.ClamAv));
        Assert.Equal(HealthStatus.Healthy, answering.Status);

        var away = await CheckAsync(new Uri($"tcp://127.0.0.1:{UnusedPort()}"));
        Assert.Equal(HealthStatus.Degraded, away.Status);
        Assert.Contains("does not answer", away.Description);
    }

    private static async Task<HealthReport> HealthAsync(string smtp)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:smtp"] = smtp });
        builder.AddServiceDefaults();
        builder.AddMail();
        using var host = builder.Build();
        return await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(Extensions.ReadyTag));
    }

    private static async Task<HealthCheckResult> CheckAsync(Uri clamd)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHealthChecks().AddServerProbe("clamav", clamd, send: "zPING\0", expect: "PONG");
        using var host = builder.Build();
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = report.Entries["clamav"];
        return new HealthCheckResult(entry.Status, entry.Description);
    }

    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
