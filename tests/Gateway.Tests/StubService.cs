using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Municipal.Gateway.Tests;

/// <summary>
/// A stand-in for one backend service on a real loopback port: it echoes what reached it (path, headers),
/// answers /health as told, and echoes WebSocket messages — what the gateway's routing is tested against.
/// </summary>
public sealed class StubService(string name) : IAsyncDisposable
{
    private WebApplication? app;

    public string Name { get; } = name;

    public bool Healthy { get; set; } = true;

    public string Url { get; private set; } = "";

    /// <summary>Fixed JSON answers for GETs of these paths (what the gateway itself asks a service); others are echoed.</summary>
    public Dictionary<string, object> Answers { get; } = new(StringComparer.Ordinal);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/health", () => Healthy ? Results.Ok() : Results.StatusCode(503));
        app.Map("/hubs/echo", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, default);
            await socket.SendAsync(buffer.AsMemory(0, received.Count), WebSocketMessageType.Text, true, default);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", default);
        });
        app.Map("/{**path}", (HttpContext context) => HttpMethods.IsGet(context.Request.Method) && Answers.TryGetValue(context.Request.Path.Value ?? "", out var answer)
            ? Results.Json(answer)
            : Results.Json(new Echo(
            Name,
            context.Request.Path.Value ?? "",
            context.Request.Method,
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.Headers.Cookie.FirstOrDefault(),
            context.Request.Headers["X-Resident-Token"].FirstOrDefault(),
            context.Request.Headers["traceparent"].FirstOrDefault(),
            context.Request.Headers["baggage"].FirstOrDefault(),
            context.Request.Headers["X-Forwarded-For"].ToString(),
            context.Request.Headers["Forwarded"].ToString())));
        await app.StartAsync();
        Url = app.Urls.First();
    }

    /// <summary>Stops the service as a crash would: its port refuses connections from now on.</summary>
    public async Task StopAsync()
    {
        if (app is not null) await app.DisposeAsync();
        app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

public sealed record Echo(string Service, string Path, string Method, string? Authorization, string? Cookie, string? ResidentToken,
    string? TraceParent = null, string? Baggage = null, string? ForwardedFor = null, string? Forwarded = null);
