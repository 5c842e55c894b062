using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Municipal.Testing;

namespace Municipal.Gateway.Tests;

/// <summary>The gateway in-process with its own database and RabbitMQ virtual host, routing to five stub services on loopback.</summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly string[] ServiceNames = ["booking", "sessions", "identity", "forms", "documents"];

    private TestDatabase? database;
    private TestVirtualHost? virtualHost;

    public Dictionary<string, StubService> Backends { get; } = ServiceNames.ToDictionary(n => n, n => new StubService(n));

    /// <summary>The demo city's departments and concerns as booking's admin catalogue lists them (accounts are checked against it).</summary>
    public static readonly object[] Catalogue =
    [
        new { key = "residents-office", concerns = new[] { "residence-registration", "deregistration-abroad", "care-facility-registration", "disabled-parking-permit", "move", "naturalisation", "dog-registration", "lost-and-found", "general-enquiry" }.Select(key => new { key }) },
        new { key = "tax-office", concerns = new[] { "tax-enquiry", "tax-return", "tax-assessment", "tax-payment", "withholding-tax" }.Select(key => new { key }) },
    ];

    public const string CityHost = "schalter.stadt.example";

    public GatewayFactory() => Backends["booking"].Answers["/api/booking/admin/departments"] = Catalogue;

    protected virtual IEnumerable<KeyValuePair<string, string>> Settings() => [];

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("gateway");
        virtualHost = await TestVirtualHost.CreateAsync();
        foreach (var service in Backends.Values) await service.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        foreach (var service in Backends.Values) await service.DisposeAsync();
        if (virtualHost is not null) await virtualHost.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:gatewaydb", database!.ConnectionString);
        // Its own virtual host: the staff account changes it publishes must not reach the running system's booking.
        builder.UseSetting("ConnectionStrings:rabbitmq", virtualHost!.ConnectionString);
        builder.UseSetting("Auth:InternalKey", TestEnvironment.InternalKey);
        builder.UseSetting("Mail:Maildir", TestEnvironment.Maildir);
        // The public address: a Host header naming anything else (but loopback) never reaches a redirect.
        builder.UseSetting("PublicBaseUrl", "https://localhost");
        // A further name of the site, as a city's would be: HSTS is sent for it and never for localhost.
        builder.UseSetting("PublicHosts", CityHost);
        foreach (var (name, stub) in Backends) builder.UseSetting($"services:{name}:http:0", stub.Url);
        // Every test client shares one (unknown) address in the test server: generous limits unless a test lowers them.
        builder.UseSetting("RateLimits:SignInPerIp", "10000");
        builder.UseSetting("RateLimits:PasswordChangesPerAccount", "10000");
        builder.UseSetting("RateLimits:SensitivePerIp", "10000");
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
    }

    /// <summary>A browser-like client: HTTPS base address so the Secure session cookie is kept and sent.</summary>
    public HttpClient Browser(string origin = "https://localhost") => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(origin),
        HandleCookies = true,
        AllowAutoRedirect = false,
    });

    public async Task<HttpClient> SignedInAsync(string userName, string password = "Schalter-2026!")
    {
        var client = Browser();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        return client;
    }
}

/// <summary>The gateway on a real loopback port, for what the in-memory test server cannot carry (WebSocket upgrades).</summary>
public sealed class KestrelGatewayFactory : GatewayFactory
{
    public KestrelGatewayFactory() => UseKestrel(0);

    public Uri Address
    {
        get
        {
            StartServer();
            return new Uri(ClientOptions.BaseAddress.ToString());
        }
    }
}

/// <summary>Low limits, so a test can reach them quickly.</summary>
public sealed class StrictGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("RateLimits:SensitivePerIp", "3"),
        new("RateLimits:KioskPerDevice", "3"),
        new("RateLimits:SignInPerIp", "4"),
        new("RateLimits:HubPerIp", "4"),
        new("RateLimits:StaffExpensivePerAccount", "3"),
        new("RateLimits:PasswordChangesPerAccount", "3"),
        new("RequestLimits:DefaultBytes", "1024"),
    ];
}

/// <summary>A floor on failed sign-ins well above a loaded test machine's hash and database write (see SignInTimingTests).</summary>
public sealed class SignInFloorGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("Auth:FailureFloorMs", "1500")];
}

/// <summary>Sessions checked against the account's security stamp at every request, so a test sees another session end at once.</summary>
public sealed class QuickSessionCheckGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("Auth:SessionCheckSeconds", "0")];
}

/// <summary>On a real loopback port (WebSocket upgrades), asking an open hub connection's session every second.</summary>
public sealed class QuickHubCheckGatewayFactory : GatewayFactory
{
    public QuickHubCheckGatewayFactory() => UseKestrel(0);

    public Uri Address
    {
        get
        {
            StartServer();
            return new Uri(ClientOptions.BaseAddress.ToString());
        }
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("Auth:HubSessionCheckSeconds", "1")];
}

/// <summary>Sign-in events summed up over 10 s (not a minute), and no floor on failures, so a test sees the sums soon.</summary>
public sealed class SignInAuditGatewayFactory : GatewayFactory
{
    public const int WindowSeconds = 10;

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("Audit:SignInWindowSeconds", WindowSeconds.ToString()), new("Auth:FailureFloorMs", "0")];
}
