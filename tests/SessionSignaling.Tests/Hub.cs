using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Municipal.ServiceDefaults.Auth;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>A SignalR client over the in-process server's WebSockets, recording what the hub sends it.</summary>
public sealed class Hub : IAsyncDisposable
{
    private readonly Dictionary<string, Channel<object?>> received = new(StringComparer.OrdinalIgnoreCase);

    private Hub(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    /// <param name="forwardedFor">The client address the gateway would forward in X-Forwarded-For.</param>
    public static async Task<Hub> ConnectAsync<T>(WebApplicationFactory<T> factory, StaffIdentity? staff = null, string? forwardedFor = null) where T : class
    {
        var server = factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/session"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, ct) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = r =>
                    {
                        if (staff is not null) r.Headers.Authorization = "Bearer " + Staff.Token(staff);
                        if (forwardedFor is not null) r.Headers["X-Forwarded-For"] = forwardedFor;
                    };
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();
        var hub = new Hub(connection);
        foreach (var name in new[] { "Message", "Typing", "Presence", "Signal", "ModeRequested", "ModeAnswered", "ModeChanged", "RoomEvent", "Closed", "Accepted", "CallResumed" })
        {
            var channel = Channel.CreateUnbounded<object?>();
            hub.received[name] = channel;
            connection.On<System.Text.Json.JsonElement>(name, payload => channel.Writer.TryWrite(payload));
        }
        await connection.StartAsync();
        return hub;
    }

    /// <summary>The next call of <paramref name="method"/> (as JSON), or a timeout.</summary>
    public async Task<System.Text.Json.JsonElement> NextAsync(string method, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return (System.Text.Json.JsonElement)(await received[method].Reader.ReadAsync(cts.Token))!;
    }

    /// <summary>Whether <paramref name="method"/> arrives within a short time (to show something was not sent).</summary>
    public async Task<bool> ReceivesAsync(string method, TimeSpan within)
    {
        try { await NextAsync(method, within); return true; }
        catch (OperationCanceledException) { return false; }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
