using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Municipal.DocumentIntake.Scanning;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>Document intake whose clamd reads the stored files itself (<c>Documents:ScanStoredFile</c>), as under the AppHost.</summary>
public sealed class StoredFileScanFactory : DocumentFactory
{
    protected override bool ScanStoredFile => true;
}

/// <summary>
/// Issue 18: where clamd can read the document storage, a file is scanned by its path once stored (clamd's SCAN)
/// instead of being streamed to it, which made clamd write a second copy of every upload. The real clamd decides.
/// </summary>
public class ScanStoredFileTests(StoredFileScanFactory factory) : IClassFixture<StoredFileScanFactory>
{
    private ClamAvScanner Scanner => factory.Services.GetRequiredService<ClamAvScanner>();

    [Fact]
    public async Task An_upload_is_scanned_where_it_is_stored_the_eicar_file_quarantined_and_a_clean_one_kept()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var clean = Files.PdfOfLength(3 * Uploads.UploadReader.PieceSize + 5);
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "eicar.pdf", Files.Eicar, "application/pdf"), ("files", "antrag.pdf", clean, "application/pdf")))).SubmittedAsync();

        Assert.Equal(["quarantined", "clean"], result.Documents.Select(d => d.Status));
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var quarantined = await clerk.GetFromJsonAsync<InboxDoc>($"/api/documents/{result.Documents[0].Id}");
        Assert.StartsWith("Eicar-Test-Signature", quarantined!.Signature);
        Assert.Equal(clean, await clerk.GetByteArrayAsync($"/api/documents/{result.Documents[1].Id}/content"));
    }

    [Fact]
    public async Task Clamd_reads_a_file_by_its_path_even_with_a_colon_and_spaces_in_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(factory.StoragePath, "by path: a folder")).FullName;
        var eicar = Path.Combine(folder, "eicar 1.pdf");
        var clean = Path.Combine(folder, "clean 1.pdf");
        await File.WriteAllBytesAsync(eicar, Files.Eicar);
        await File.WriteAllBytesAsync(clean, Files.Pdf("clean"));

        var found = await Scanner.ScanFileAsync(eicar, Files.Eicar.Length, CancellationToken.None);
        Assert.Equal(ScanOutcome.Infected, found.Outcome);
        Assert.StartsWith("Eicar-Test-Signature", found.Signature);
        Assert.Equal(ScanOutcome.Clean, (await Scanner.ScanFileAsync(clean, Files.Pdf("clean").Length, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_file_clamd_cannot_read_is_not_clean_but_unavailable_so_it_is_streamed_after_all()
    {
        var missing = Path.Combine(factory.StoragePath, $"{Guid.NewGuid():N}.pdf");
        var result = await Scanner.ScanFileAsync(missing, 100, CancellationToken.None);
        Assert.Equal(ScanOutcome.Unavailable, result.Outcome);
        Assert.Contains("ERROR", result.Error);
    }

    [Fact]
    public async Task A_file_over_the_scan_limit_counts_as_a_detection_without_asking()
    {
        var result = await Scanner.ScanFileAsync(Path.Combine(factory.StoragePath, "never-read.pdf"), 200L * 1024 * 1024 + 1, CancellationToken.None);
        Assert.Equal((ScanOutcome.Infected, ClamAvScanner.LimitExceeded), (result.Outcome, result.Signature));
    }
}
