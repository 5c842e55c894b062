using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Municipal.DocumentIntake.Scanning;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>clamd "down": the service starts pointed at a closed port; the shared clamd on 3310 is never stopped.</summary>
public sealed class ClamdDownFactory : DocumentFactory
{
    protected override string ClamAv => "tcp://127.0.0.1:9";
}

/// <summary>clamd "down" where, once up, it reads the stored files itself (<c>Documents:ScanStoredFile</c>), as under the AppHost.</summary>
public sealed class ClamdDownScanningByPathFactory : DocumentFactory
{
    protected override string ClamAv => "tcp://127.0.0.1:9";

    protected override bool ScanStoredFile => true;
}

public class PendingScanTests(ClamdDownFactory factory) : PendingScanScenario<ClamdDownFactory>(factory), IClassFixture<ClamdDownFactory>;

/// <summary>The pending file is sent to clamd by its path, as an upload is: clamd makes no copy of its own.</summary>
public class PendingScanByPathTests(ClamdDownScanningByPathFactory factory)
    : PendingScanScenario<ClamdDownScanningByPathFactory>(factory), IClassFixture<ClamdDownScanningByPathFactory>;

public abstract class PendingScanScenario<TFactory>(TFactory factory) where TFactory : DocumentFactory
{
    [Fact]
    public async Task Documents_wait_as_pending_while_clamd_is_down_and_are_scanned_when_it_is_back()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var form = Files.Form(("files", "brief.pdf", Files.Pdf("pending"), null), ("files", "eicar.pdf", Files.Eicar, null));
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", form);

        // Without clamd the EICAR file cannot be recognised as malware, and as text it is no PDF: refused by type.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "brief.pdf", Files.Pdf("pending"), null)))).SubmittedAsync();
        var id = Assert.Single(result.Documents).Id;
        Assert.Equal("pending_scan", result.Documents[0].Status);

        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.GetAsync($"/api/documents/{id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await factory.CreateStaffClient(Staff.Admin()).GetAsync($"/api/documents/{id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsync($"/api/documents/{id}/processed", null)).StatusCode);

        // Still down after a few rescans: still pending, and the attempts are counted.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal("pending_scan", (await clerk.GetFromJsonAsync<InboxDoc>($"/api/documents/{id}"))!.Status);

        factory.Services.GetRequiredService<ClamAvScanner>().Endpoint = new Uri(TestEnvironment.ClamAv);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string status;
        do
        {
            await Task.Delay(250);
            status = (await clerk.GetFromJsonAsync<InboxDoc>($"/api/documents/{id}"))!.Status;
        } while (status == "pending_scan" && DateTime.UtcNow < deadline);

        Assert.Equal("clean", status);
        Assert.Equal(Files.Pdf("pending"), await clerk.GetByteArrayAsync($"/api/documents/{id}/content"));
    }
}
