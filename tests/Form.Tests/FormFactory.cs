using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Municipal.ServiceDefaults.Sessions;
using Municipal.Testing;

namespace Municipal.Form.Tests;

/// <summary>The form service in-process against real Postgres, RabbitMQ, Redis and SMTP, with its HTTP neighbours faked.</summary>
public class FormFactory() : ServiceFactory<Program>("formdb")
{
    public FakeNeighbours Neighbours { get; } = new();

    public FakeSessions Sessions { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
    [
        new("services:sessions:http:0", "http://sessions.test"),
        new("services:identity:http:0", "http://identity.test"),
        new("services:documents:http:0", "http://documents.test"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            foreach (var name in new[] { "identity", "documents" })
                services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => Neighbours);
            services.AddHttpClient(SessionsClient.Name).ConfigurePrimaryHttpMessageHandler(() => Sessions);
        });
    }
}
