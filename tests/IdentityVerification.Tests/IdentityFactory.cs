using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Municipal.ServiceDefaults.Sessions;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

/// <summary>The identity service in-process, with a movable clock and the shared stand-in for the sessions service.</summary>
public class IdentityFactory : ServiceFactory<Program>
{
    public IdentityFactory() : base("identitydb")
    {
    }

    public TestClock Time { get; } = new(DateTimeOffset.UtcNow);

    public FakeSessions Sessions { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
    [
        new("Identity:DocumentNumberKey", "identity-test-key-that-is-long-enough-0123456789"),
        new("services:sessions:http:0", "http://sessions.test"),
        new("Identity:StillRetentionDays", "30"),
        // Generous for a loaded CI host; the stand-in answers at once when the host is idle.
        new("Identity:SessionsTimeoutSeconds", "30"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddHttpClient(SessionsClient.Name).ConfigurePrimaryHttpMessageHandler(() => Sessions);
        });
    }
}
