using System.Net;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Documents;

/// <summary>The standalone upload page, opened with a queue ticket's link on a phone.</summary>
public sealed class UploadPageTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly byte[] Pdf =
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_resident_uploads_with_a_ticket_link_and_sees_what_arrived_and_what_was_refused()
    {
        var ticket = await ConsultationTickets.TakeAsync("Uta Upload");
        await WaitForRoomAsync(ticket.Token);

        await using var resident = await browser.NewPartyAsync(Browser.Phone);
        var page = await resident.NewPageAsync();
        await page.GotoAsync($"/upload.html#t={ticket.Token}");
        await Assertions.Expect(page.Locator("#upload")).ToBeVisibleAsync();
        // Not opened from a dossier: no way back to one (PhoneWalkTests follows the dossier's).
        await Assertions.Expect(page.Locator("#back")).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(page);

        await page.GetByLabel("Dateien wählen").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "mietvertrag.pdf", MimeType = "application/pdf", Buffer = Pdf },
            new FilePayload { Name = "notiz.txt", MimeType = "text/plain", Buffer = "hallo"u8.ToArray() },
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("notiz.txt: Nur PDF, JPEG, PNG und TIFF werden angenommen.");
        await Browser.ScreenshotAsync(page, "documents-07-upload-refused-phone");

        await page.GetByLabel("Dateien wählen").SetInputFilesAsync(new FilePayload { Name = "mietvertrag.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Vielen Dank – 1 Dokument ist bei uns eingegangen.");
        await Assertions.Expect(page.Locator("#sent")).ToContainTextAsync("mietvertrag.pdf");
        await Assertions.Expect(page.Locator("#sent")).ToContainTextAsync("geprüft");
        // Listed once: under "already sent", not also among the files chosen (screenshot review 2026-12-05).
        await Assertions.Expect(page.Locator("li", new() { HasText = "mietvertrag.pdf" })).ToHaveCountAsync(1);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "documents-08-upload-done-phone");
    }

    /// <summary>
    /// The browser's own picker speaks the browser's language ("Choose Files", "No file chosen" on a French page): its
    /// label is the button now, in the page's language, with a line saying what is chosen (phone probe, French room).
    /// </summary>
    [Fact]
    public async Task The_file_picker_speaks_the_pages_language()
    {
        var ticket = await ConsultationTickets.TakeAsync("Françoise Fichier");
        await WaitForRoomAsync(ticket.Token);
        await using var resident = await browser.NewPartyAsync(Browser.Phone);
        var page = await resident.NewPageAsync();
        await page.GotoAsync($"/upload.html#t={ticket.Token}&lang=fr");
        await Assertions.Expect(page.Locator("#upload")).ToBeVisibleAsync();
        var picker = page.Locator("label[for=files]");
        await Assertions.Expect(picker).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfile-button\b"));
        await Assertions.Expect(page.Locator("#files-chosen")).ToHaveTextAsync("Aucun fichier choisi.");
        // The input keeps the keyboard's focus, the label shows it.
        await page.Locator("#files").FocusAsync();
        await Assertions.Expect(page.Locator("#files")).ToBeFocusedAsync();
        await page.Locator("#files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "bail.pdf", MimeType = "application/pdf", Buffer = Pdf },
            new FilePayload { Name = "attestation.pdf", MimeType = "application/pdf", Buffer = Pdf },
        });
        // The page lists the files with their sizes; the picker's line counts them and does not name them twice.
        await Assertions.Expect(page.Locator("#files-chosen")).ToHaveTextAsync("2 fichiers choisis, listés ci-dessous.");
        await Assertions.Expect(page.Locator("#chosen li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#chosen")).ToContainTextAsync("bail.pdf");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "documents-09-upload-picker-fr-phone");
    }

    /// <summary>
    /// Issue 15 item 4: the one upload flow (shared/upload.js) checks a file against the intake's limit before sending
    /// it, so a resident is not made to wait for 100 MB to travel only to be refused.
    /// </summary>
    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_sent()
    {
        var ticket = await ConsultationTickets.TakeAsync("Sina Size");
        await WaitForRoomAsync(ticket.Token);
        await using var resident = await browser.NewPartyAsync(Browser.Phone);
        var page = await resident.NewPageAsync();
        await page.GotoAsync($"/upload.html#t={ticket.Token}");
        await Assertions.Expect(page.Locator("#upload")).ToBeVisibleAsync();

        // A sparse file one byte over 100 MB: nothing to write, and the browser reads its size as any other.
        var path = Path.Combine(Path.GetTempPath(), $"scan-{Guid.NewGuid():N}.pdf");
        await using (var file = File.Create(path)) file.SetLength(100L * 1024 * 1024 + 1);
        try
        {
            var posted = 0;
            page.Request += (_, request) => { if (request.Method == "POST" && request.Url.Contains("/api/documents/uploads")) posted++; };
            await page.GetByLabel("Dateien wählen").SetInputFilesAsync(path);
            await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
            await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync($"{Path.GetFileName(path)}: Die Datei ist zu gross.");
            await Assertions.Expect(page.Locator("#files")).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hochladen" })).ToBeEnabledAsync();
            Assert.Equal(0, posted);
            await Browser.AssertAccessibleAsync(page);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Phone probe: with one bad file among good ones the page named only the bad one, and the resident took the others
    /// for sent. The intake takes an upload whole: the page says that nothing was sent and to choose the others again.
    /// </summary>
    [Fact]
    public async Task One_refused_file_among_good_ones_says_that_nothing_was_sent()
    {
        var ticket = await ConsultationTickets.TakeAsync("Mia Mixed");
        await WaitForRoomAsync(ticket.Token);
        await using var resident = await browser.NewPartyAsync(Browser.Phone);
        var page = await resident.NewPageAsync();
        await page.GotoAsync($"/upload.html#t={ticket.Token}");
        await Assertions.Expect(page.Locator("#upload")).ToBeVisibleAsync();
        await page.Locator("#files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "mietvertrag.pdf", MimeType = "application/pdf", Buffer = Pdf },
            new FilePayload { Name = "leer.pdf", MimeType = "application/pdf", Buffer = [] },
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("leer.pdf:");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Es wurde nichts gesendet.");
        await Browser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_link_without_a_token_says_so()
    {
        await using var resident = await browser.NewPartyAsync(Browser.Phone, locale: "en-GB");
        var page = await resident.NewPageAsync();
        await page.GotoAsync("/upload.html");
        await Assertions.Expect(page.Locator("#no-link")).ToHaveTextAsync("This link is incomplete or has expired. Please open the link from your e-mail again.");
        await Assertions.Expect(page.Locator("#upload")).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(page);
    }

    /// <summary>The sessions service opens the ticket's room when it hears of the ticket; wait for that.</summary>
    private static async Task WaitForRoomAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions/rooms/current");
            request.Headers.Add("X-Resident-Token", token);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No room for the ticket: {(int)response.StatusCode}");
            await Task.Delay(300);
        }
    }
}
