using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Forms;

/// <summary>A resident signs and submits a registration, follows the dossier from the link, and a clerk moves it on.</summary>
public sealed class SubmitAndFollowTests(Browser browser) : IClassFixture<Browser>
{
    private const string Password = "Schalter-2026!";

    [Fact]
    public async Task A_resident_signs_submits_and_follows_the_dossier_while_a_clerk_works_on_it()
    {
        var email = Mailbox.UniqueAddress();
        await using var resident = await browser.NewPartyAsync(Browser.Phone);
        var page = await resident.NewPageAsync();
        await FormPage.StartRegistrationAsync(page);
        // Signing the empty form says how many fields to mend and takes the resident to the first, screens above.
        await page.Locator(".cf-sign button", new() { HasText = "Unterschreiben und einreichen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".cf-sign")).ToContainTextAsync(new Regex("Bitte korrigieren Sie zuerst die [0-9]+ markierten Felder"));
        Assert.Equal("true", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-invalid')"));
        await FormPage.FillRegistrationAsync(page, email);
        await FormPage.SavedAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await FormPage.SignAsync(page);
        await Browser.ScreenshotAsync(page, "forms-sign-phone");
        await page.Locator(".cf-sign button", new() { HasText = "Unterschreiben und einreichen" }).ClickAsync();

        var done = page.Locator(".cf-done");
        await Assertions.Expect(done).ToContainTextAsync(new Regex("F-[0-9]{4}-[A-Z2-9]{6}"), new() { Timeout = 30_000 });
        var reference = Regex.Match(await done.InnerTextAsync(), "F-[0-9]{4}-[A-Z2-9]{6}").Value;

        // The submitted values stay reachable by keyboard (issue 17): read-only, not disabled, and unchangeable.
        var officialName = FormPage.Field(page, "applicant.officialName");
        await Assertions.Expect(officialName).ToHaveJSPropertyAsync("readOnly", true);
        await officialName.FocusAsync();
        await Assertions.Expect(officialName).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(FormPage.Field(page, "applicant.firstName")).ToBeFocusedAsync();
        await Assertions.Expect(FormPage.Field(page, "applicant.sex")).ToHaveAttributeAsync("aria-readonly", "true");
        await FormPage.Field(page, "applicant.sex").SelectOptionAsync("1");
        await Assertions.Expect(FormPage.Field(page, "applicant.sex")).ToHaveValueAsync("2");

        // The mail carries the status link too.
        var mail = (await Mailbox.WaitForAsync(email)).Single();
        Assert.Contains(reference, mail.Subject);

        await done.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Eingegangen");
        await Assertions.Expect(page.Locator("#reference")).ToHaveTextAsync(reference);
        await Browser.AssertAccessibleAsync(page);
        // The PDF is printed just after submitting: until it is there the page says so, then it offers it.
        var download = page.GetByRole(AriaRole.Link, new() { Name = "Eingereichtes Formular (PDF) herunterladen" });
        await Assertions.Expect(download).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#printing")).ToBeHiddenAsync();
        var saved = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        Assert.Equal($"{reference}.pdf", saved.SuggestedFilename);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(await saved.PathAsync())[..4]));
        await Browser.ScreenshotAsync(page, "forms-dossier-phone");

        // A clerk of the department finds it and asks for information in the agent UI.
        await using var clerk = await browser.NewPartyAsync(Browser.Desktop);
        Assert.True((await clerk.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = Password } })).Ok);
        var agent = await clerk.NewPageAsync();
        await agent.GotoAsync("/agent/dossiers.html");
        await agent.Locator("#f-status").SelectOptionAsync("received");
        await agent.Locator("#filters button").ClickAsync();
        await agent.Locator("#list button", new() { HasText = reference }).ClickAsync();
        await Assertions.Expect(agent.Locator("#d-title")).ToContainTextAsync(reference);
        await Assertions.Expect(agent.Locator("#d-answers")).ToContainTextAsync("Marktgasse");
        await Assertions.Expect(agent.GetByRole(AriaRole.Link, new() { Name = "PDF öffnen" })).ToHaveAttributeAsync("href", new Regex("/pdf$"));
        await Browser.AssertAccessibleAsync(agent);
        await agent.Locator("#c-status").SelectOptionAsync("in_review");
        await agent.Locator("#change button").ClickAsync();
        await Assertions.Expect(agent.Locator("#c-result")).ToHaveClassAsync("ok");
        await agent.Locator("#c-status").SelectOptionAsync("needs_information");
        await agent.Locator("#c-note").FillAsync("Bitte laden Sie den Mietvertrag hoch.");
        await agent.Locator("#change button").ClickAsync();
        await Assertions.Expect(agent.Locator("#d-history")).ToContainTextAsync("Mietvertrag");
        await Browser.ScreenshotAsync(agent, "forms-agent-dossiers-desktop");

        // One mail per change; mail never promises the order of arrival (two forms replicas may send them either way
        // round), so each names its status and the time of the change.
        var mails = await Mailbox.WaitForAsync(email, 3);
        Assert.Contains(mails, m => m.Subject?.Contains("in Bearbeitung") == true);
        Assert.Contains(mails, m => m.Subject?.Contains("Angaben fehlen") == true);

        // The resident's link shows the new status and the clerk's message.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Angaben fehlen");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Bitte laden Sie den Mietvertrag hoch.");
        await Browser.AssertAccessibleAsync(page);

        // Issue 16, item 9: the status page and the mail offer the upload; the document reaches this dossier.
        var asked = Assert.Single(mails, m => m.Subject?.Contains("Angaben fehlen") == true);
        Assert.Matches(new Regex(@"/upload\.html#t=[A-Za-z0-9_-]{43}"), asked.TextBody);
        var upload = page.GetByRole(AriaRole.Link, new() { Name = "Fehlende Unterlagen hochladen" });
        await Assertions.Expect(upload).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "forms-dossier-needs-information-phone");
        await upload.ClickAsync();
        await Assertions.Expect(page.Locator("#upload")).ToBeVisibleAsync();
        var lease = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% Mietvertrag\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"u8.ToArray();
        await page.GetByLabel("Dateien wählen").SetInputFilesAsync(new FilePayload { Name = $"mietvertrag-{reference}.pdf", MimeType = "application/pdf", Buffer = lease });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Vielen Dank – 1 Dokument ist bei uns eingegangen.", new() { Timeout = 30_000 });
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "forms-dossier-upload-done-phone");

        // The clerk finds it filed under the dossier in the department's inbox.
        var inbox = await clerk.APIRequest.GetAsync("/api/documents/inbox");
        Assert.True(inbox.Ok, await inbox.TextAsync());
        var filed = (await inbox.JsonAsync())!.Value.EnumerateArray().Where(d => d.GetProperty("fileName").GetString() == $"mietvertrag-{reference}.pdf"
            && d.TryGetProperty("dossierId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String).ToList();
        Assert.Single(filed);
    }
}
