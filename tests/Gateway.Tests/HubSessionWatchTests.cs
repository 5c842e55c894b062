using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Found from outside (stop 37's note): signing out ended the session for every later request, but a hub connection
/// opened before stayed open, and the clerk's page went on chatting from a session that no longer existed.
/// </summary>
public sealed class HubSessionWatchTests(QuickHubCheckGatewayFactory gateway) : IClassFixture<QuickHubCheckGatewayFactory>
{
    [Fact]
    public async Task Signing_out_closes_the_sessions_open_hub_connection_and_leaves_another_devices_open()
    {
        var signedOut = await SignInAsync();
        var otherDevice = await SignInAsync();
        using var closing = await ConnectAsync(signedOut);
        using var staying = await ConnectAsync(otherDevice);
        await EchoAsync(closing);

        using var logout = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address, "/api/auth/logout"));
        logout.Headers.Add("Cookie", signedOut);
        logout.Headers.Add("Origin", Origin);
        Assert.Equal(HttpStatusCode.NoContent, (await new HttpClient().SendAsync(logout)).StatusCode);

        // Asked every second here (10 s by default): closed within a few.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[16];
        var closed = false;
        try
        {
            var result = await closing.ReceiveAsync(buffer, wait.Token);
            closed = result.MessageType == WebSocketMessageType.Close;
        }
        catch (WebSocketException)
        {
            closed = true;
        }
        Assert.True(closed, "the signed-out session's hub connection stayed open");
        Assert.False(wait.IsCancellationRequested, "the signed-out session's hub connection was not closed within 15 s");

        await EchoAsync(staying);
    }

    private string Origin => gateway.Address.GetLeftPart(UriPartial.Authority);

    private async Task<string> SignInAsync()
    {
        using var client = new HttpClient { BaseAddress = gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName = "admin", password = "Schalter-2026!" }) };
        request.Headers.Add("Origin", Origin);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return string.Join("; ", response.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("municipal.staff", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
    }

    private async Task<ClientWebSocket> ConnectAsync(string cookie)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", Origin);
        socket.Options.SetRequestHeader("Cookie", cookie);
        await socket.ConnectAsync(new Uri(gateway.Address, "/hubs/echo").ToWebSocket(), default);
        return socket;
    }

    private static async Task EchoAsync(ClientWebSocket socket)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes("hallo"), WebSocketMessageType.Text, true, default);
        var buffer = new byte[16];
        Assert.Equal("hallo", Encoding.UTF8.GetString(buffer, 0, (await socket.ReceiveAsync(buffer, default)).Count));
    }
}
