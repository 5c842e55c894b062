using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Gateway.Tests;

public sealed class ProtectionTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/agent/")]
    [InlineData("/shared/app.css")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/booking/concerns")]
    [InlineData("/api/nothing-here")]
    [InlineData("/health")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await gateway.Browser($"https://{GatewayFactory.CityHost}").GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("camera=(self)", response.Headers.GetValues("Permissions-Policy").Single());
        Assert.Contains("microphone=(self)", response.Headers.GetValues("Permissions-Policy").Single());
    }

    /// <summary>
    /// HSTS holds for a host on every port for a year: sent for localhost, it would send a developer who trusts the
    /// local certificate to HTTPS on every port of their machine. Browsers ignore it for an IP address.
    /// </summary>
    [Theory]
    [InlineData("https://localhost")]
    [InlineData("https://127.0.0.1")]
    [InlineData("https://[::1]")]
    public async Task No_HSTS_is_sent_for_localhost_or_an_address(string origin)
    {
        var response = await gateway.Browser(origin).GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>The public address is https: a proxy in front may end TLS, and its residents still get HSTS.</summary>
    [Fact]
    public async Task HSTS_follows_the_public_address_even_when_a_proxy_in_front_ends_TLS()
    {
        var response = await gateway.Browser($"http://{GatewayFactory.CityHost}").GetAsync("/");

        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_secure_and_same_site()
    {
        var response = await gateway.Browser().PostAsJsonAsync("/api/auth/login", new { userName = "clerk.tax", password = "Schalter-2026!" });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("municipal.staff="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_staff_action_appears_in_the_audit_log()
    {
        var clerk = await gateway.SignedInAsync("clerk.residents");
        var dossier = $"/api/forms/dossiers/{Guid.NewGuid()}";
        await clerk.GetAsync(dossier);

        var supervisor = await gateway.SignedInAsync("supervisor");
        JsonElement[] entries = [];
        for (var i = 0; i < 50 && entries.Length == 0; i++)
        {
            entries = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/audit?path={Uri.EscapeDataString(dossier)}"))!;
            if (entries.Length == 0) await Task.Delay(100);
        }

        var entry = Assert.Single(entries);
        Assert.Equal("Rita Residents", entry.GetProperty("staffName").GetString());
        Assert.Equal("viewed forms/dossiers", entry.GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/audit")).StatusCode);
    }
}

public sealed class LimitTests(StrictGatewayFactory gateway) : IClassFixture<StrictGatewayFactory>
{
    [Fact]
    public async Task Sensitive_resident_endpoints_answer_429_with_retry_after()
    {
        var client = gateway.Browser();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = "x" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client()
    {
        var client = gateway.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { userName = "x", password = "y" })).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_reaches_a_service()
    {
        var response = await gateway.Browser().PostAsync("/api/booking/appointments", new ByteArrayContent(new byte[4096]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
