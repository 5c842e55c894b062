using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Municipal.ServiceDefaults.Auth;
using Xunit;

namespace Municipal.Testing;

/// <summary>
/// Hosts one service in-process against real infrastructure: a fresh database named like the service's own
/// (<paramref name="databaseName"/>), its own RabbitMQ virtual host and Redis key prefix, the real SMTP sink
/// and clamd. Use as an xunit class fixture; <see cref="Configure"/> adds settings of the test's own.
/// </summary>
public class ServiceFactory<TProgram>(string databaseName) : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    private TestDatabase? database;
    private TestVirtualHost? virtualHost;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialised.");

    public string RedisPrefix { get; } = $"test:{Guid.NewGuid():N}:";

    public virtual async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(databaseName);
        virtualHost = await TestVirtualHost.CreateAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (virtualHost is not null) await virtualHost.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }

    protected virtual IEnumerable<KeyValuePair<string, string>> Configure() => [];

    /// <summary>
    /// The host, started, once its bus is connected and every receive endpoint has bound its queue. Each test class
    /// has a virtual host of its own, empty at first: an event published before the service's own consumers have bound
    /// their queues would go nowhere, which cannot happen on a running system, whose queues outlive its restarts. Seen
    /// on 2026-12-04: the first booking of <c>MailLanguageTests</c> on a busy machine got no confirmation mail.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (host.Services.GetService<IBusControl>() is { } bus)
        {
            var health = bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(90)).GetAwaiter().GetResult();
            if (health != BusHealthStatus.Healthy) throw new TimeoutException($"The service's bus is {health} after 90 s.");
        }
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting($"ConnectionStrings:{databaseName}", Database.ConnectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", virtualHost!.ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", TestEnvironment.Redis);
        builder.UseSetting("ConnectionStrings:smtp", TestEnvironment.Smtp);
        builder.UseSetting("ConnectionStrings:clamav", TestEnvironment.ClamAv);
        builder.UseSetting("Redis:KeyPrefix", RedisPrefix);
        builder.UseSetting("Auth:InternalKey", TestEnvironment.InternalKey);
        builder.UseSetting("PublicBaseUrl", "http://127.0.0.1:8080");
        builder.UseSetting("Mail:Maildir", TestEnvironment.Maildir);
        foreach (var (key, value) in Configure())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client acting as the given staff member (the gateway's internal token).</summary>
    public HttpClient CreateStaffClient(StaffIdentity staff)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Staff.Token(staff));
        return client;
    }

    /// <summary>A client presenting a resident's capability token.</summary>
    public HttpClient CreateResidentClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Resident-Token", token);
        return client;
    }
}
