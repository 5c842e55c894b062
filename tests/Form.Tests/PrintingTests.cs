using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Form.Tests;

/// <summary>
/// The form service with a Chromium that prints only once the test lets it (<see cref="Release"/>): a busy machine
/// where printing takes as long as it takes.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HeldPrinterFactory : FormFactory
{
    private readonly string folder = Directory.CreateTempSubdirectory("held-printer-").FullName;

    public HeldPrinterFactory()
    {
        File.WriteAllText(Hold, "");
        File.WriteAllText(Chromium, $"#!/bin/sh\nwhile [ -e '{Hold}' ]; do sleep 0.1; done\nexec /usr/bin/chromium \"$@\"\n");
        File.SetUnixFileMode(Chromium, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string Hold => Path.Combine(folder, "hold");

    private string Chromium => Path.Combine(folder, "chromium");

    public void Release() => File.Delete(Hold);

    protected override IEnumerable<KeyValuePair<string, string>> Configure() => [.. base.Configure(), new("Pdf:Chromium", Chromium)];
}

[SupportedOSPlatform("linux")]
public sealed class PrintingTests(HeldPrinterFactory factory) : IClassFixture<HeldPrinterFactory>
{
    /// <summary>
    /// The resident is answered when the dossier is stored, not when Chromium has printed: until the PDF is there the
    /// dossier says so (resident and staff), its PDF answers 409 with a reason, and nothing goes to document intake.
    /// </summary>
    [Fact]
    public async Task Submitting_answers_before_the_pdf_is_printed_and_the_pdf_follows()
    {
        var email = Mailbox.UniqueAddress();
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(email));

        var submitting = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() });
        submitting.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var submitted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reference = submitted.GetProperty("reference").GetString()!;
        var dossierId = submitted.GetProperty("dossierId").GetGuid();
        var resident = factory.CreateResidentClient(submitted.GetProperty("statusToken").GetString()!);
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "residence-registration"));

        // The status mail goes out while the printer is still held.
        Assert.Contains(reference, (await Mailbox.WaitForAsync(email)).Single().Subject);
        Assert.False((await resident.GetFromJsonAsync<JsonElement>("/api/forms/dossiers/mine")).GetProperty("pdfReady").GetBoolean());
        Assert.False((await clerk.GetFromJsonAsync<JsonElement>($"/api/forms/dossiers/{dossierId}")).GetProperty("dossier").GetProperty("pdfReady").GetBoolean());
        foreach (var early in new[] { await resident.GetAsync("/api/forms/dossiers/mine/pdf"), await clerk.GetAsync($"/api/forms/dossiers/{dossierId}/pdf") })
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
            Assert.Equal("pdf-being-printed", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.DoesNotContain(factory.Neighbours.Files, f => f.FileName == reference + ".pdf");

        // Another department's clerk learns nothing about it, printed or not.
        var otherDepartment = factory.CreateStaffClient(Staff.Clerk("tax-office", "tax-enquiry"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherDepartment.GetAsync($"/api/forms/dossiers/{dossierId}/pdf")).StatusCode);

        factory.Release();
        await Residents.UntilPdfReadyAsync(resident, TimeSpan.FromSeconds(90));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var pdf = await resident.GetAsync("/api/forms/dossiers/mine/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        var listed = await clerk.GetFromJsonAsync<JsonElement>("/api/forms/dossiers/");
        Assert.True(listed.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == dossierId).GetProperty("pdfReady").GetBoolean());

        // The same print goes to document intake.
        FakeNeighbours.ReceivedFile? file;
        while ((file = factory.Neighbours.Files.FirstOrDefault(f => f.FileName == reference + ".pdf")) is null && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.NotNull(file);
        Assert.Equal(await (await resident.GetAsync("/api/forms/dossiers/mine/pdf")).Content.ReadAsByteArrayAsync(), file.Content);
        Assert.True(submitting.Elapsed < TimeSpan.FromSeconds(30), $"submitting took {submitting.Elapsed}");
    }
}
