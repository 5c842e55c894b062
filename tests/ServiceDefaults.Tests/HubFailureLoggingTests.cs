using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// A hub's designed refusal (HubException) is no error in the logs, a real failure still is: a real SignalR hub on
/// Kestrel with the service defaults' logging, called by the SignalR client (probe of 2026-12-05, finding 5).
/// </summary>
public sealed class HubFailureLoggingTests
{
    public sealed class RefusingHub : Hub
    {
        public Task Refuse() => throw new HubException("room-not-found");

        public Task Break() => throw new InvalidOperationException("a bug in the hub");
    }

    [Fact]
    public async Task A_refusal_is_logged_below_warning_and_a_failure_at_error_with_its_exception()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Services.AddSignalR(o => o.EnableDetailedErrors = false);
        await using var app = builder.Build();
        app.MapHub<RefusingHub>("/hub");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var connection = new HubConnectionBuilder().WithUrl($"{address}/hub").Build();
        await connection.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Refuse"));
        Assert.Contains("room-not-found", refused.Message);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Break"));

        var records = app.Services.GetFakeLogCollector().GetSnapshot();
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Warning && r.Exception is HubException);
        var failure = Assert.Single(records, r => r.Level >= LogLevel.Error);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Contains("Break", failure.Message);
        await app.StopAsync();
    }
}
