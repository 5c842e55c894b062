extern alias booking;
extern alias sessions;
extern alias identity;
extern alias forms;
extern alias documents;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Municipal.ServiceDefaults.Sessions;
using Municipal.Testing;

namespace Municipal.Security.Tests;

public sealed class BookingService() : ServiceFactory<booking::Program>("bookingdb");

public sealed class SessionsService() : ServiceFactory<sessions::Program>("sessiondb");

/// <summary>A service that asks sessions about rooms for staff; the shared stand-in answers for the rooms a test registers.</summary>
public abstract class AsksSessions<TProgram>(string databaseName) : ServiceFactory<TProgram>(databaseName) where TProgram : class
{
    public FakeSessions Sessions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(SessionsClient.Name).ConfigurePrimaryHttpMessageHandler(() => Sessions));
    }
}

public sealed class IdentityService() : AsksSessions<identity::Program>("identitydb")
{
    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
    [
        new("Identity:DocumentNumberKey", "matrix-test-key-that-is-long-enough-0123456789"),
        new("services:sessions:http:0", "http://sessions.test"),
        // A link nobody issued is refused at once (no 503 grace for a link whose event may be on its way).
        new("ResidentLinks:GraceSeconds", "0"),
    ];
}

public sealed class FormsService() : ServiceFactory<forms::Program>("formdb");

public sealed class DocumentsService() : AsksSessions<documents::Program>("documentdb")
{
    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
    [
        new("Documents:StoragePath", Path.Combine(Path.GetTempPath(), "municipal-matrix-" + Guid.NewGuid().ToString("N"))),
        new("services:sessions:http:0", "http://sessions.test"),
        new("ResidentLinks:GraceSeconds", "0"),
    ];
}
