using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Municipal.Benchmarks.Consultation;

/// <summary>
/// A bare Kestrel app on a free loopback port, with WebSockets: what the baselines run on, beside the system
/// they are compared with, so both are measured on the same machine in the same run.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app) => (this.app, Url) = (app, new Uri(app.Urls.First()));

    /// <summary>The server's root, http://127.0.0.1:port/ (https:// with a certificate).</summary>
    public Uri Url { get; }

    public Uri WebSocketUrl(string path) => new(new Uri(Url.ToString().Replace("http", "ws")), path);

    /// <param name="certificate">Serve HTTPS with it (HTTP/1.1 and HTTP/2, as the gateway's HTTPS port does); plain HTTP without.</param>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is null) return;
            listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        app.UseWebSockets();
        map(app);
        await app.StartAsync();
        return new LoopbackServer(app);
    }

    /// <summary>Accepts WebSockets at the path (a plain request gets 400) and hands each to the handler.</summary>
    public static void MapWebSocket(WebApplication app, string path, Func<HttpContext, WebSocket, Task> handle) =>
        app.Map(path, async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await handle(context, socket);
        });

    /// <summary>
    /// Each frame the socket receives until the peer closes; the memory is reused for the next frame. A frame larger
    /// than <paramref name="bufferSize"/> comes in parts (EndOfMessage false until the last).
    /// </summary>
    public static async IAsyncEnumerable<(ReadOnlyMemory<byte> Data, WebSocketMessageType Type, bool EndOfMessage)> ReceiveAllAsync(
        WebSocket socket, [EnumeratorCancellation] CancellationToken cancellationToken, int bufferSize = 64 * 1024)
    {
        var buffer = new byte[bufferSize];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) yield break;
            yield return (buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
