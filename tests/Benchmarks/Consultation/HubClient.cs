using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Municipal.Benchmarks.Consultation;

/// <summary>
/// A minimal SignalR client (JSON protocol over a raw WebSocket) so the benchmark measures the hub, not a client
/// library, and opens thousands of connections cheaply. Records are separated by 0x1E.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> calls = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly CancellationTokenSource stop = new();
    private int nextId;
    private volatile bool closed;

    /// <summary>Every invocation the server sends to this client: (target, first argument, time received).</summary>
    public Channel<(string Target, JsonElement Argument, long ReceivedTicks)> Received { get; } = Channel.CreateUnbounded<(string, JsonElement, long)>();

    public static async Task<HubClient> ConnectAsync(Uri hub, string? bearer, CancellationToken cancellationToken)
    {
        var client = new HubClient();
        if (bearer is not null) client.socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        var ws = new UriBuilder(hub) { Scheme = hub.Scheme == "https" ? "wss" : "ws" }.Uri;
        await client.socket.ConnectAsync(ws, cancellationToken);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}" + Separator, cancellationToken);
        var handshake = await client.ReadRecordsAsync(cancellationToken);
        if (handshake.Count == 0 || handshake[0] != "{}") throw new InvalidOperationException($"SignalR handshake failed: {string.Join(",", handshake)}");
        _ = client.ReceiveLoopAsync();
        return client;
    }

    public Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref nextId).ToString();
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        calls[id] = completion;
        _ = SendRawAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }) + Separator, stop.Token);
        return completion.Task;
    }

    /// <summary>False once the server closed the connection (or it broke).</summary>
    public bool IsOpen => !closed && socket.State == WebSocketState.Open;

    /// <summary>
    /// A SignalR ping, what a client sends when it has nothing else to say: the server closes a connection it has not
    /// heard from for 30 s (its client timeout).
    /// </summary>
    public Task PingAsync() => SendRawAsync("{\"type\":6}" + Separator, stop.Token);

    /// <summary>An invocation without a completion (what a browser does for fire-and-forget sends).</summary>
    public Task SendAsync(string target, params object?[] arguments) =>
        SendRawAsync(JsonSerializer.Serialize(new { type = 1, target, arguments }) + Separator, stop.Token);

    private async Task SendRawAsync(string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await sendLock.WaitAsync(cancellationToken);
        try { await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken); }
        finally { sendLock.Release(); }
    }

    private readonly StringBuilder pending = new();

    private async Task<List<string>> ReadRecordsAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return [];
            pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            var text = pending.ToString();
            var last = text.LastIndexOf(Separator);
            if (last < 0) continue;
            pending.Clear().Append(text[(last + 1)..]);
            return text[..last].Split(Separator).ToList();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var records = await ReadRecordsAsync(stop.Token);
                if (records.Count == 0) break;
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                foreach (var record in records)
                {
                    var message = JsonDocument.Parse(record).RootElement;
                    switch (message.GetProperty("type").GetInt32())
                    {
                        case 1:
                            var args = message.GetProperty("arguments");
                            Received.Writer.TryWrite((message.GetProperty("target").GetString()!, args.GetArrayLength() > 0 ? args[0].Clone() : default, now));
                            break;
                        case 3 when message.TryGetProperty("invocationId", out var id) && calls.TryRemove(id.GetString()!, out var call):
                            if (message.TryGetProperty("error", out var error)) call.SetException(new InvalidOperationException(error.GetString()));
                            else call.SetResult(message.TryGetProperty("result", out var result) ? result.Clone() : default);
                            break;
                    }
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
        }
        closed = true;
        foreach (var call in calls.Values) call.TrySetException(new InvalidOperationException("connection closed"));
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or OperationCanceledException)
        {
        }
        socket.Dispose();
    }
}
