using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Municipal.Gateway.Tests;

/// <summary>What an outside probe found at the gateway's door: cross-site writes, bad header values, CSP, health details.</summary>
public sealed class RequestHygieneTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_cross_site_write_is_refused(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/booking/appointments")
        {
            Content = new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await gateway.Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>What ASP.NET Core answers before any handler runs carries a reason code too, so a page can say it.</summary>
    [Theory]
    [InlineData("GET", "/api/nothing-here", null, 404, "no-api")]
    [InlineData("GET", "/agent/nothing-here.html", null, 404, "no-api")]
    [InlineData("DELETE", "/api/city", null, 405, "method-not-allowed")]
    [InlineData("POST", "/api/auth/login", "text/plain", 415, "json-only")]
    public async Task The_frameworks_own_refusals_carry_a_reason_code(string method, string path, string? type, int status, string code)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (type is not null) request.Content = new StringContent("userName=x", Encoding.UTF8, type);

        var response = await gateway.Browser().SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_cross_site_write_by_a_signed_in_clerk_is_refused_too()
    {
        var clerk = await gateway.SignedInAsync("clerk.residents");
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/sessions/rooms/" + Guid.NewGuid());
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Same_origin_writes_reads_from_anywhere_and_clients_without_browser_headers_pass()
    {
        var client = gateway.Browser();
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/booking/appointments") { Content = JsonContent.Create(new { name = "x" }) };
        sameOrigin.Headers.Add("Origin", "https://localhost");
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal("booking", (await (await client.SendAsync(sameOrigin)).Content.ReadFromJsonAsync<Echo>())!.Service);

        // A kiosk, a script or a test client sends neither header.
        var plain = await client.PostAsJsonAsync("/api/booking/appointments", new { name = "x" });
        Assert.Equal("booking", (await plain.Content.ReadFromJsonAsync<Echo>())!.Service);

        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/booking/concerns");
        read.Headers.Add("Origin", "https://evil.example");
        read.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(read)).StatusCode);
    }

    [Fact]
    public async Task A_non_ascii_header_value_on_a_forwarded_request_is_a_bad_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/booking/concerns");
        request.Headers.TryAddWithoutValidation("X-Resident-Token", "Zürich-✓");

        var response = await gateway.Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("X-Resident-Token", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_csp_lets_websockets_reach_only_the_site_itself()
    {
        var response = await gateway.Browser().GetAsync("/");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var connect = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("connect-src "));
        var sources = connect.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.DoesNotContain("ws:", sources);
        Assert.DoesNotContain("wss:", sources);
        Assert.All(sources, s => Assert.True(s == "'self'" || s == "wss://localhost", s));
    }

    [Fact]
    public async Task Anonymous_health_tells_the_status_only_and_an_admin_sees_the_details()
    {
        var anonymous = await gateway.Browser().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        var body = await anonymous.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("checks", out _));
        Assert.DoesNotContain("instances", body.GetRawText());

        var admin = await gateway.SignedInAsync("admin");
        var detailed = await admin.GetFromJsonAsync<JsonElement>("/health");
        Assert.Contains("instances", detailed.GetProperty("checks").GetProperty("services").GetRawText());

        var clerk = await gateway.SignedInAsync("clerk.tax");
        Assert.False((await clerk.GetFromJsonAsync<JsonElement>("/health")).TryGetProperty("checks", out _));
    }
}

/// <summary>What only a real Kestrel shows: its Server header and the Host header a client chooses.</summary>
public sealed class KestrelHeaderTests(KestrelGatewayFactory gateway) : IClassFixture<KestrelGatewayFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/booking/concerns")]
    [InlineData("/health")]
    public async Task No_server_header_names_the_web_server(string path)
    {
        using var client = new HttpClient { BaseAddress = gateway.Address };

        var response = await client.GetAsync(path);

        Assert.False(response.Headers.Contains("Server"), string.Join(",", response.Headers.Server));
    }

    [Fact]
    public async Task A_header_value_that_is_not_utf8_gets_problem_details_naming_it()
    {
        // As a client that sends Latin-1 would: "é" as the one byte E9, which is not UTF-8.
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 }) { BaseAddress = gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/booking/concerns");
        request.Headers.TryAddWithoutValidation("X-Resident-Token", "café");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("header-ascii", problem.GetProperty("code").GetString());
        Assert.Contains("X-Resident-Token", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_body_without_a_declared_length_that_grows_past_the_limit_is_refused_with_its_code()
    {
        using var client = new HttpClient { BaseAddress = gateway.Address };
        // Sent in chunks, so no Content-Length tells the gateway beforehand: Kestrel stops it while the proxy reads.
        var body = new StreamContent(new MemoryStream(new byte[2 << 20]));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/booking/appointments") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("request-too-large", problem.GetProperty("code").GetString());
        Assert.Equal(1, problem.GetProperty("codeArgs").GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task A_foreign_host_header_never_reaches_a_redirect()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/agent");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.True((int)response.StatusCode is >= 300 and < 400, response.StatusCode.ToString());
        var location = response.Headers.Location!;
        Assert.DoesNotContain("evil.example", location.ToString());
        Assert.True(!location.IsAbsoluteUri || location.Host == "localhost", location.ToString());
    }

    [Fact]
    public async Task The_own_host_still_gets_its_redirect()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.Address };

        var response = await client.GetAsync("/agent");

        Assert.Equal(new Uri(gateway.Address, "/agent/"), new Uri(gateway.Address, response.Headers.Location!));
    }
}
