using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Municipal.DocumentIntake.Scanning;

namespace Municipal.DocumentIntake.Tests;

/// <summary>Uploads through the API record every clamd verdict and every quarantine on the "Municipal" meter.</summary>
public class MetricsTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    private static List<string> Outcomes(MetricCollector<long> scanned) =>
        scanned.GetMeasurementSnapshot(clear: true).Select(m => (string)m.Tags["outcome"]!).ToList();

    [Fact]
    public async Task Scans_are_counted_by_outcome_and_quarantined_files_by_channel()
    {
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        using var scanned = new MetricCollector<long>(meters, "Municipal", "municipal.uploads.scanned");
        using var quarantined = new MetricCollector<long>(meters, "Municipal", "municipal.uploads.quarantined");
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var resident = factory.CreateResidentClient(token);

        await (await resident.PostAsync("/api/documents/uploads", Files.Form(("files", "brief.pdf", Files.Pdf("metrics clean"), null)))).SubmittedAsync();
        var infected = await (await resident.PostAsync("/api/documents/uploads", Files.Form(("files", "eicar.pdf", Files.Eicar, "application/pdf")))).SubmittedAsync();
        Assert.Equal("quarantined", infected.Documents[0].Status);
        Assert.Equal(["clean", "infected"], Outcomes(scanned));
        var quarantine = Assert.Single(quarantined.GetMeasurementSnapshot());
        Assert.Equal((1L, "upload"), (quarantine.Value, (string)quarantine.Tags["channel"]!));

        // clamd unreachable: the upload waits as pending and the attempt counts as an error.
        var scanner = factory.Services.GetRequiredService<ClamAvScanner>();
        var clamd = scanner.Endpoint;
        scanner.Endpoint = new Uri("tcp://127.0.0.1:9");
        try
        {
            var pending = await (await resident.PostAsync("/api/documents/uploads", Files.Form(("files", "later.pdf", Files.Pdf("metrics later"), null)))).SubmittedAsync();
            Assert.Equal("pending_scan", pending.Documents[0].Status);
            Assert.Equal(["error"], Outcomes(scanned));
        }
        finally
        {
            scanner.Endpoint = clamd;
        }
    }
}
