using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Municipal.Benchmarks.Gateway;

/// <summary>
/// The gateway's floor: YARP alone, forwarding every path to one destination (its direct forwarding,
/// <c>MapForwarder</c>) on Kestrel, with none of the gateway's middleware (security headers, sign-in, rate limits,
/// input guard, audit, static files, tracing). It runs in a process of its own, with the gateway's thread-pool
/// setting (idle workers do not spin), so its CPU per request can be read apart from the load generator's.
/// </summary>
public static class BareProxy
{
    public const string Argument = "--bare-proxy";

    public static Task<ChildServer> StartAsync(Uri destination, CancellationToken cancellationToken) =>
        ChildServer.StartAsync([Argument, destination.ToString()],
            new Dictionary<string, string> { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" }, cancellationToken);

    /// <summary>The child's side: forwards to the destination until its standard input closes.</summary>
    public static async Task<int> ServeAsync(string destination)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHttpForwarder();
        await using var app = builder.Build();
        app.MapForwarder("/{**rest}", destination);
        await app.StartAsync();
        await ChildServer.ServeUntilStdinClosesAsync(new Uri(app.Urls.First()));
        await app.StopAsync();
        return 0;
    }
}
