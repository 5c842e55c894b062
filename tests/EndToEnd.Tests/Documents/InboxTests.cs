using System.Net.Http.Headers;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Documents;

/// <summary>A kiosk submission reaches the residents' office inbox; a clerk assigns it and marks it processed.</summary>
public sealed class InboxTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_clerk_finds_a_kiosk_document_in_the_inbox_assigns_it_and_marks_it_processed()
    {
        var note = $"Fundsache {Guid.NewGuid():N}";
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        http.DefaultRequestHeaders.Add("X-Kiosk-Device", await KioskDevices.TokenAsync(browser, "Inbox test kiosk"));
        var pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"u8.ToArray();
        var form = new MultipartFormDataContent { { new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "files", "fund.pdf" } };
        form.Add(new StringContent("lost-and-found"), "concernKey");
        form.Add(new StringContent(note), "note");
        var response = await http.PostAsync("/api/documents/kiosk/submissions", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        await using var clerk = await browser.NewPartyAsync(Browser.Desktop);
        var page = await clerk.NewPageAsync();
        var login = await clerk.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } });
        Assert.True(login.Ok, await login.TextAsync());
        await page.GotoAsync("/agent/inbox.html");

        var row = page.Locator("tr", new() { HasText = note });
        // The first inbox query after a start builds the service's EF model: allow for a cold service.
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 20000 });
        await Assertions.Expect(row).ToContainTextAsync("Scanner-Terminal");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "documents-06-inbox");

        // By keyboard (accessibility probe, 2026-12-06): the press is said, the focus stays in the row on its next action,
        // and the refresh every 15 s leaves it there (each refresh used to drop it to the page's start).
        await row.GetByRole(AriaRole.Button, new() { Name = "Mir zuweisen: fund.pdf" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(row).ToContainTextAsync("ich");
        await Assertions.Expect(page.Locator("#inbox-status")).ToContainTextAsync("Ihnen zugewiesen: fund.pdf.");
        var processed = row.GetByRole(AriaRole.Button, new() { Name = "Erledigt: fund.pdf" });
        await Assertions.Expect(processed).ToBeFocusedAsync();
        await page.WaitForTimeoutAsync(16_000);
        await Assertions.Expect(processed).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#inbox-status")).Not.ToContainTextAsync("zugewiesen");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#inbox-status")).ToContainTextAsync("Als erledigt markiert: fund.pdf.");
        Assert.NotEqual("BODY", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        // Open only is the default filter: the processed document leaves the list.
        await Assertions.Expect(page.Locator("tr", new() { HasText = note })).ToHaveCountAsync(0);
        await page.GetByLabel("Nur offene").UncheckAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = note })).ToContainTextAsync("erledigt");
    }
}
