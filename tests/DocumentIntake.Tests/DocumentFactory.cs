using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Sessions;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>
/// Document intake in-process against real Postgres, RabbitMQ, SMTP and clamd, with its own storage folder. Residents'
/// links reach it as in production, by events on its bus (<see cref="ResidentTokens"/>); sessions and forms are nowhere
/// (their URLs point at a closed port), except the stand-in answering sessions' staff look-up.
/// </summary>
public class DocumentFactory : ServiceFactory<Program>
{
    public DocumentFactory() : base("documentdb") { }

    public string StoragePath { get; } = Path.Combine(Path.GetTempPath(), "documents-tests", Guid.NewGuid().ToString("N"));

    public ResidentTokens Tokens => tokens ??= new ResidentTokens(new ResidentLinkFeed(Services));

    private ResidentTokens? tokens;

    /// <summary>Seconds an unknown link is answered 503 before 401 (0 here: the tests of the grace set their own).</summary>
    protected virtual string LinkGraceSeconds => "0";

    protected virtual string ClamAv => TestEnvironment.ClamAv;

    /// <summary>Whether clamd reads stored files by path (as under the AppHost, whose clamd runs on this host) or gets them streamed.</summary>
    protected virtual bool ScanStoredFile => false;

    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
    [
        new("Documents:StoragePath", StoragePath),
        new("Documents:RescanIntervalSeconds", "1"),
        new("Documents:RescanMaxBackoffSeconds", "1"),
        new("Documents:RetentionDays:tax-office", "30"),
        new("ConnectionStrings:clamav", ClamAv),
        new("Documents:ScanStoredFile", ScanStoredFile ? "true" : "false"),
        new("services:sessions:http:0", "http://127.0.0.1:9"),
        new("services:forms:http:0", "http://127.0.0.1:9"),
        new("ResidentLinks:GraceSeconds", LinkGraceSeconds),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(SessionsClient.Name).ConfigurePrimaryHttpMessageHandler(() => StaffLookups);
        });
    }

    /// <summary>The stand-in for sessions' staff look-up (may a clerk read a consultation's documents from another inbox).</summary>
    public FakeSessions StaffLookups { get; } = new();

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
}

/// <summary>Residents' links for the tests, learnt by document intake from the events that issue, move and close them.</summary>
public sealed class ResidentTokens(ResidentLinkFeed feed)
{
    public ResidentLinkFeed Feed => feed;

    /// <summary>A walk-in consultation's link; "ended" ends its consultation, "cancelled" books and cancels an appointment instead.</summary>
    public async Task<(string Token, Guid RoomId)> NewRoomAsync(string department = "residents-office", string concern = "move", string status = "waiting")
    {
        var (roomId, token) = status == "cancelled" ? await feed.AppointmentAsync(department, concern) : await feed.TicketAsync(department, concern);
        if (status == "ended") await feed.EndAsync(roomId, department, concern);
        if (status == "cancelled") await feed.CancelAsync(roomId, department, concern);
        return (token, roomId);
    }

    public async Task<(string Token, Guid DossierId)> NewDossierAsync(string department = "tax-office", string concern = "tax-return")
    {
        var (id, token) = await feed.DossierAsync(department, concern);
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

    /// <summary>A PDF of exactly <paramref name="length"/> bytes: <see cref="Pdf"/> with its comment filled with letters.</summary>
    public static byte[] PdfOfLength(int length)
    {
        var pdf = Pdf("");
        var comment = Array.IndexOf(pdf, (byte)'%', 1) + 2;
        var filler = length - pdf.Length;
        if (filler < 0) throw new ArgumentOutOfRangeException(nameof(length), $"At least {pdf.Length} bytes.");
        var result = new byte[length];
        pdf.AsSpan(0, comment).CopyTo(result);
        for (var i = 0; i < filler; i++) result[comment + i] = (byte)('a' + i % 23);
        pdf.AsSpan(comment).CopyTo(result.AsSpan(comment + filler));
        return result;
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

/// <summary>Image headers made up for the size checks: what a viewer reads before it decodes a pixel.</summary>
public static class Images
{
    /// <summary>A PNG stating <paramref name="width"/>×<paramref name="height"/>: its header, one empty data chunk and its end.</summary>
    public static byte[] Png(uint width, uint height)
    {
        var png = Files.Asset("probe-huge.png");
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), height);
        return png;
    }

    /// <summary>A little-endian TIFF of one directory per page, each naming its width and length (LONG) and nothing else.</summary>
    public static byte[] Tiff(params (uint Width, uint Height)[] pages)
    {
        var tiff = new List<byte>("II*\0"u8.ToArray()) { 8, 0, 0, 0 };
        for (var i = 0; i < pages.Length; i++)
        {
            var next = i + 1 < pages.Length ? (uint)(tiff.Count + 30) : 0;
            tiff.AddRange([2, 0]);
            tiff.AddRange([0, 1, 4, 0, 1, 0, 0, 0, .. BitConverter.GetBytes(pages[i].Width)]);
            tiff.AddRange([1, 1, 4, 0, 1, 0, 0, 0, .. BitConverter.GetBytes(pages[i].Height)]);
            tiff.AddRange(BitConverter.GetBytes(next));
        }
        return [.. tiff];
    }
}
