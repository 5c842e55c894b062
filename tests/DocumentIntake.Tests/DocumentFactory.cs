using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Municipal.DocumentIntake.Residents;
using Municipal.ServiceDefaults.Sessions;
using Municipal.Testing;
using Municipal.ServiceDefaults.Security;

namespace Municipal.DocumentIntake.Tests;

/// <summary>
/// Document intake in-process against real Postgres, RabbitMQ, SMTP and clamd, with its own storage folder. The
/// sessions and forms services are the edge here: their token answers come from <see cref="ResidentTokens"/>.
/// </summary>
public class DocumentFactory : ServiceFactory<Program>
{
    public DocumentFactory() : base("documentdb") { }

    public string StoragePath { get; } = Path.Combine(Path.GetTempPath(), "documents-tests", Guid.NewGuid().ToString("N"));

    public ResidentTokens Tokens { get; } = new();

    protected virtual string ClamAv => TestEnvironment.ClamAv;

    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
    [
        new("Documents:StoragePath", StoragePath),
        new("Documents:RescanIntervalSeconds", "1"),
        new("Documents:RescanMaxBackoffSeconds", "1"),
        new("Documents:RetentionDays:tax-office", "30"),
        new("ConnectionStrings:clamav", ClamAv),
        new("services:sessions:http:0", "http://127.0.0.1:9"),
        new("services:forms:http:0", "http://127.0.0.1:9"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(SessionsClient.Name).ConfigurePrimaryHttpMessageHandler(() => Tokens.Sessions);
            services.AddHttpClient(ResidentContextResolver.FormsClient).ConfigurePrimaryHttpMessageHandler(() => new TokenHandler(Tokens.Dossiers));
        });
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ = Services; // start the host so migrations run before the first test
    }

    /// <summary>Stops the host, then removes the files it stored (the 100 MB test leaves one).</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(StoragePath)) Directory.Delete(StoragePath, recursive: true);
    }

    /// <summary>Answers like the forms service: 200 with the dossier for a known token, 404 otherwise.</summary>
    private sealed class TokenHandler(Dictionary<string, object> known) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = request.Headers.TryGetValues(CapabilityToken.Header, out var values) ? values.Single() : "";
            lock (known)
            {
                return Task.FromResult(known.TryGetValue(token, out var body)
                    ? new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body) }
                    : new HttpResponseMessage(HttpStatusCode.NotFound));
            }
        }
    }
}

public sealed class ResidentTokens
{
    /// <summary>The shared stand-in for the sessions service (tests/Testing).</summary>
    public FakeSessions Sessions { get; } = new();
    public Dictionary<string, object> Dossiers { get; } = [];

    /// <summary>A room token as the sessions service would resolve it.</summary>
    public (string Token, Guid RoomId) NewRoom(string department = "residents-office", string concern = "move", string status = "waiting")
    {
        var (room, token) = Sessions.AddRoom(department, concern, status: status);
        return (token, room.Id);
    }

    public (string Token, Guid DossierId) NewDossier(string department = "tax-office", string concern = "tax-return")
    {
        var token = Municipal.ServiceDefaults.Security.CapabilityToken.Create();
        var id = Guid.NewGuid();
        lock (Dossiers) Dossiers[token] = new { id, concernKey = concern, departmentKey = department };
        return (token, id);
    }
}

/// <summary>Files for the tests: the assets, and made-up content for the refusals.</summary>
public static class Files
{
    public static byte[] Asset(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Assets", name));

    public static byte[] Page1 => Asset("page1.jpg");
    public static byte[] Page2 => Asset("page2.jpg");
    public static byte[] Png => Asset("small.png");

    /// <summary>The EICAR anti-virus test file (68 bytes), assembled here so the source itself is not flagged.</summary>
    public static byte[] Eicar => System.Text.Encoding.ASCII.GetBytes(
        @"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    public static byte[] Pdf(string text = "Hello")
    {
        var body = $"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% {text}\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R >>\nstartxref\n{9}\n%%EOF\n";
        return System.Text.Encoding.ASCII.GetBytes(body);
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static MultipartFormDataContent Form(params (string Field, string Name, byte[] Content, string? Type)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, name, content, type) in files)
        {
            var part = new ByteArrayContent(content);
            if (type is not null) part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, field, name);
        }
        return form;
    }

    public static MultipartFormDataContent With(this MultipartFormDataContent form, string name, string value)
    {
        form.Add(new StringContent(value), name);
        return form;
    }
}
