using System.Net.Http.Headers;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Documents;

/// <summary>
/// A kiosk submission reaches the residents' office inbox; a clerk assigns it and marks it processed, or hands it on to the
/// department it belongs to.
/// </summary>
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

    /// <summary>The supervisor's walk (2026-12-07) read "1 pagine" in the Italian inbox: a count is said in its plural form.</summary>
    [Fact]
    public async Task A_one_page_scan_reads_one_page_in_every_staff_language()
    {
        await using var clerk = await browser.NewPartyAsync(Browser.Desktop);
        var page = await clerk.NewPageAsync();
        // One page, as the kiosk's camera sends it: a JPEG the service turns into a PDF of one page.
        var jpeg = Convert.FromBase64String(await page.EvaluateAsync<string>("""
            () => {
              const canvas = document.createElement('canvas');
              canvas.width = 600; canvas.height = 800;
              const g = canvas.getContext('2d');
              g.fillStyle = '#fff'; g.fillRect(0, 0, 600, 800);
              g.fillStyle = '#000'; g.font = '32px sans-serif'; g.fillText('Lohnausweis 2026', 60, 120);
              return canvas.toDataURL('image/jpeg', 0.85).split(',')[1];
            }
            """));
        var note = $"Eine Seite {Guid.NewGuid():N}";
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        http.DefaultRequestHeaders.Add("X-Kiosk-Device", await KioskDevices.TokenAsync(browser, "One page kiosk"));
        var form = new MultipartFormDataContent { { new ByteArrayContent(jpeg) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "files", "seite.jpg" } };
        form.Add(new StringContent("lost-and-found"), "concernKey");
        form.Add(new StringContent(note), "note");
        var response = await http.PostAsync("/api/documents/kiosk/submissions", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var login = await clerk.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } });
        Assert.True(login.Ok, await login.TextAsync());
        await page.GotoAsync("/agent/inbox.html");
        var row = page.Locator("tr", new() { HasText = note });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 20000 });
        foreach (var (language, onePage) in new[] { ("de", "1 Seite"), ("it", "1 pagina"), ("fr", "1 page"), ("en", "1 page") })
        {
            await page.Locator("select[data-language-switch]").SelectOptionAsync(language);
            // Not "1 Seiten", "1 pagine", "1 pages" (the note follows the count without a space in the row's text).
            await Assertions.Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex($@"\b{onePage}(?![ns])"));
        }
    }

    private static async Task KioskDocumentAsync(Browser browser, string note)
    {
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        http.DefaultRequestHeaders.Add("X-Kiosk-Device", await KioskDevices.TokenAsync(browser, "Hand-on test kiosk"));
        var pdf = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% {note}\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n");
        var form = new MultipartFormDataContent { { new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "files", "lohnausweis.pdf" } };
        form.Add(new StringContent("lost-and-found"), "concernKey");
        form.Add(new StringContent(note), "note");
        var response = await http.PostAsync("/api/documents/kiosk/submissions", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A salary certificate scanned at the kiosk under "lost and found" lands in the residents' office: on a 360 px phone,
    /// by keyboard, the clerk hands it on to the tax office with a reason (a missing one is said at the field), the
    /// status line says so and the row leaves; the tax office's clerk, reading French, finds it open and unassigned with
    /// where it came from and why.
    /// </summary>
    [Fact]
    public async Task A_clerk_hands_a_misfiled_kiosk_document_on_to_the_tax_office_which_sees_where_it_came_from_and_why()
    {
        var note = $"Lohnausweis {Guid.NewGuid():N}";
        await KioskDocumentAsync(browser, note);

        await using var clerk = await browser.NewPartyAsync(Browser.SmallPhone);
        var page = await clerk.NewPageAsync();
        var login = await clerk.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } });
        Assert.True(login.Ok, await login.TextAsync());
        await page.GotoAsync("/agent/inbox.html");
        var row = page.Locator("tr", new() { HasText = note });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 20000 });

        var handOn = row.GetByRole(AriaRole.Button, new() { Name = "Weitergeben: lohnausweis.pdf" });
        await handOn.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var box = page.Locator("#hand-on");
        await Assertions.Expect(box.GetByRole(AriaRole.Heading)).ToHaveTextAsync("An eine andere Abteilung weitergeben: lohnausweis.pdf");
        await Assertions.Expect(handOn).ToHaveAttributeAsync("aria-expanded", "true");
        var department = box.GetByLabel("An Abteilung");
        await Assertions.Expect(department).ToBeFocusedAsync();
        // The departments booking names, but not the document's own.
        await Assertions.Expect(department.Locator("option", new() { HasText = "Steueramt" })).ToHaveCountAsync(1);
        await Assertions.Expect(department.Locator("option", new() { HasText = "Einwohneramt" })).ToHaveCountAsync(0);
        await department.SelectOptionAsync("tax-office");

        // Sent without a reason: the server's refusal is said at the field, which takes the focus.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        var reason = box.GetByLabel("Grund");
        await Assertions.Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(reason).ToBeFocusedAsync();
        await Assertions.Expect(box).ToContainTextAsync("Bitte kurz sagen, warum das Dokument weitergegeben wird.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 360 px.");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "documents-07-inbox-hand-on-360");

        await reason.FillAsync("Lohnausweis, gehört zur Steuererklärung");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#inbox-status")).ToContainTextAsync("Weitergegeben an Steueramt: lohnausweis.pdf.");
        await Assertions.Expect(page.Locator("#inbox-status")).ToBeFocusedAsync();
        await Assertions.Expect(box).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = note })).ToHaveCountAsync(0);

        await using var taxParty = await browser.NewPartyAsync(Browser.Desktop, "fr-CH");
        await taxParty.AddInitScriptAsync("localStorage.setItem('lang', 'fr')");
        var taxPage = await taxParty.NewPageAsync();
        var taxLogin = await taxParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.tax", password = "Schalter-2026!" } });
        Assert.True(taxLogin.Ok, await taxLogin.TextAsync());
        await taxPage.GotoAsync("/agent/inbox.html");
        await taxPage.GetByLabel("Responsable").SelectOptionAsync("unassigned");
        var arrived = taxPage.Locator("tr", new() { HasText = note });
        await Assertions.Expect(arrived).ToBeVisibleAsync(new() { Timeout = 20000 });
        await Assertions.Expect(arrived).ToContainTextAsync("Transmis par Contrôle des habitants");
        await Assertions.Expect(arrived).ToContainTextAsync("Lohnausweis, gehört zur Steuererklärung");
        await Assertions.Expect(arrived.Locator("[data-action=assign]")).ToBeVisibleAsync();
        await Assertions.Expect(arrived.Locator("[data-action=hand-on]")).ToHaveTextAsync("Transmettre");
        await Browser.AssertAccessibleAsync(taxPage);
        await Browser.ScreenshotAsync(taxPage, "documents-08-inbox-handed-on-fr");
    }
}
