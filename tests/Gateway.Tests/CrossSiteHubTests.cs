using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Probe "attack 2", items 4 and 18: a hub connection (negotiate, long polling, the WebSocket upgrade, which is a GET)
/// from another site is refused like a cross-site write, and an origin of another scheme is another site.
/// </summary>
public sealed class CrossSiteHubTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("POST", "/hubs/session/negotiate?negotiateVersion=1", "Origin", "https://evil.example")]
    [InlineData("POST", "/hubs/session/negotiate?negotiateVersion=1", "Sec-Fetch-Site", "same-site")]
    [InlineData("GET", "/hubs/session?id=connection-token", "Origin", "https://evil.example")]
    [InlineData("GET", "/hubs/session?id=connection-token", "Sec-Fetch-Site", "cross-site")]
    public async Task A_hub_connection_from_another_site_is_refused_for_a_signed_in_clerk(string method, string path, string header, string value)
    {
        var clerk = await gateway.SignedInAsync("clerk.residents");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await clerk.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("cross-site", (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_sites_own_pages_open_hub_connections()
    {
        var clerk = await gateway.SignedInAsync("clerk.residents");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/session/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        Assert.Equal(HttpStatusCode.OK, (await clerk.SendAsync(request)).StatusCode);
    }

    /// <summary>Found from outside: <c>Origin: https://127.0.0.1:8080</c> passed on the http site; here http on the https one.</summary>
    [Theory]
    [InlineData("http://localhost")]
    [InlineData("http://localhost:443")]
    [InlineData("https://localhost:8443")]
    public async Task An_origin_of_another_scheme_or_port_is_another_site(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/booking/appointments") { Content = JsonContent.Create(new { name = "x" }) };
        request.Headers.Add("Origin", origin);

        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.Browser().SendAsync(request)).StatusCode);
    }
}

public sealed class CrossSiteWebSocketTests(KestrelGatewayFactory gateway) : IClassFixture<KestrelGatewayFactory>
{
    [Fact]
    public async Task A_websocket_upgrade_from_another_site_is_refused_and_the_sites_own_passes()
    {
        using var foreign = new ClientWebSocket();
        foreign.Options.SetRequestHeader("Origin", "https://evil.example");
        foreign.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(new Uri(gateway.Address, "/hubs/echo").ToWebSocket(), default));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Origin", new Uri(gateway.Address.GetLeftPart(UriPartial.Authority)).GetLeftPart(UriPartial.Authority));
        await own.ConnectAsync(new Uri(gateway.Address, "/hubs/echo").ToWebSocket(), default);
        await own.SendAsync(Encoding.UTF8.GetBytes("hallo"), WebSocketMessageType.Text, true, default);
        var buffer = new byte[16];
        Assert.Equal("hallo", Encoding.UTF8.GetString(buffer, 0, (await own.ReceiveAsync(buffer, default)).Count));
    }
}
