using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;

namespace Municipal.Gateway.Tests;

public sealed class RoutingTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("/api/booking/concerns", "booking")]
    [InlineData("/api/sessions/rooms/current", "sessions")]
    [InlineData("/hubs/session/negotiate", "sessions")]
    [InlineData("/api/identity/mrz", "identity")]
    [InlineData("/api/forms/definitions", "forms")]
    [InlineData("/api/documents/inbox", "documents")]
    public async Task Each_route_reaches_its_service_unchanged(string path, string service)
    {
        var echo = await gateway.Browser().GetFromJsonAsync<Echo>(path);

        Assert.Equal(service, echo!.Service);
        Assert.Equal(path, echo.Path);
    }

    [Theory]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")]
    public async Task A_callers_own_trace_context_is_not_taken_up_the_gateway_starts_the_trace(string callers)
    {
        // Taken up, it would let anyone choose the trace their requests land in, send baggage to every service, or with
        // the flag 00 ("not sampled") leave no trace of their requests for the operators at all.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/booking/concerns");
        request.Headers.Add("traceparent", callers);
        request.Headers.Add("tracestate", "vendor=chosen");
        request.Headers.Add("baggage", "resident=someone-else");

        var response = await gateway.Browser().SendAsync(request);
        var echo = await response.Content.ReadFromJsonAsync<Echo>();

        Assert.NotNull(echo!.TraceParent);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", echo.TraceParent);
        Assert.DoesNotContain("4bf92f3577b34da6a3ce929d0e0e4736", echo.TraceParent, StringComparison.Ordinal);
        Assert.Null(echo.Baggage);
        // The answer names the trace the gateway started, the one the service was called in.
        var named = Assert.Single(response.Headers.GetValues("traceresponse"));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", named);
        Assert.Equal(echo.TraceParent[3..35], named[3..35]);
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_problem_not_a_page()
    {
        var response = await gateway.Browser().GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Resident_tokens_pass_but_forged_authorization_and_cookies_do_not()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/booking/appointments/mine");
        request.Headers.Add("X-Resident-Token", "resident-token");
        request.Headers.Add("Authorization", "Bearer forged");
        request.Headers.Add("Cookie", "other=1");

        var response = await gateway.Browser().SendAsync(request);
        var echo = await response.Content.ReadFromJsonAsync<Echo>();

        Assert.Equal("resident-token", echo!.ResidentToken);
        Assert.Null(echo.Authorization);
        Assert.Null(echo.Cookie);
    }

    [Fact]
    public async Task Health_is_ready_only_while_every_service_is()
    {
        // The details are for operators (a signed-in admin); anyone learns only the status.
        var client = await gateway.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        gateway.Backends["documents"].Healthy = false;
        try
        {
            var response = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("documents", await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gateway.Browser().GetAsync("/health")).StatusCode);
        }
        finally
        {
            gateway.Backends["documents"].Healthy = true;
        }
    }
}

public sealed class WebSocketTests(KestrelGatewayFactory gateway) : IClassFixture<KestrelGatewayFactory>
{
    [Fact]
    public async Task A_websocket_passes_through_hubs()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(gateway.Address, "/hubs/echo").ToWebSocket(), default);

        await socket.SendAsync(Encoding.UTF8.GetBytes("grüezi"), WebSocketMessageType.Text, true, default);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, default);

        Assert.Equal("grüezi", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }
}

internal static class UriExtensions
{
    public static Uri ToWebSocket(this Uri uri) => new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri;
}
