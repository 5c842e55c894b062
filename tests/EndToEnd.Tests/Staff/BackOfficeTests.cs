using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>Issue 16 item 13: the back office as supervisors, admins and clerks walk it.</summary>
public sealed class BackOfficeTests(Browser browser) : IClassFixture<Browser>
{
    private const string Password = "Schalter-2026!";

    [Fact]
    public async Task A_supervisor_finds_one_dossiers_entries_by_id_and_person_reads_them_in_words_and_pages_back()
    {
        var dossier = Guid.NewGuid();
        await using var clerk = await browser.NewPartyAsync();
        await SignInAsync(clerk, "clerk.residents");
        await clerk.APIRequest.GetAsync($"/api/forms/dossiers/{dossier}");
        // More changes than one page of the log holds (every change is an entry of its own).
        for (var i = 0; i < 101; i++)
            await clerk.APIRequest.PostAsync($"/api/forms/dossiers/{dossier}/status", new() { DataObject = new { status = "in_review" } });

        await using var supervisor = await browser.NewPartyAsync();
        await SignInAsync(supervisor, "supervisor");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await (await supervisor.APIRequest.GetAsync($"/api/audit?case={dossier}&take=500")).JsonAsync())!.Value.GetArrayLength() < 102)
        {
            Assert.True(DateTime.UtcNow < deadline, "The audit entries were not written within 30 s.");
            await Task.Delay(250);
        }

        var page = await supervisor.NewPageAsync();
        await page.GotoAsync("/agent/audit.html");
        await Assertions.Expect(page.Locator("#count")).Not.ToBeEmptyAsync();
        await page.GetByLabel("Dossier- oder Beratungs-ID").FillAsync("F-2026-0001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Dossier- oder Beratungs-ID")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#case-error")).ToBeVisibleAsync();

        await page.GetByLabel("Dossier- oder Beratungs-ID").FillAsync(dossier.ToString());
        await page.GetByLabel("Person (Name oder Teil davon)").FillAsync("rita");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        var rows = page.Locator("#entries tr");
        await Assertions.Expect(rows).ToHaveCountAsync(100);
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("100 Einträge angezeigt – es gibt ältere");
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Cell, new() { Name = "Dossier – geändert" })).ToBeVisibleAsync();
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Cell, new() { Name = "Rita Residents" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Dossier- oder Beratungs-ID")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "backoffice-01-audit-filtered-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ältere Einträge laden" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(102);
        await Assertions.Expect(rows.Last.GetByRole(AriaRole.Cell, new() { Name = "Dossier – angesehen" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ältere Einträge laden" })).ToBeHiddenAsync();
        Assert.DoesNotContain("viewed forms", await page.Locator("#entries").InnerTextAsync());

        // Only what was viewed; then in English.
        await page.GetByLabel("Art").SelectOptionAsync("viewed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.Locator("#lang").SelectOptionAsync("en");
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Cell, new() { Name = "Dossier – viewed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Dossier or consultation ID")).ToHaveValueAsync(dossier.ToString());
        await page.SetViewportSizeAsync(Browser.Phone.Width, Browser.Phone.Height);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "backoffice-02-audit-viewed-english-phone");
    }

    internal static async Task SignInAsync(IBrowserContext party, string userName, string password = Password)
    {
        var response = await party.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName, password } });
        Assert.True(response.Ok, $"sign-in of {userName}: {response.Status} {await response.TextAsync()}");
    }
}
