using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>Staff sign in, see what their role allows, and administer accounts — as a person would, in Chromium.</summary>
public sealed class StaffPagesTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_clerk_signs_in_with_the_keyboard_and_sees_only_clerk_work()
    {
        await using var context = await browser.NewPartyAsync(Browser.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agent/");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "staff-sign-in-phone");

        await page.GetByLabel("Benutzername").FillAsync("clerk.residents");
        // A mistyped password: the page says so and takes the clerk back to the password, selected, to type it again.
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync("Schalter-2025!");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#sign-in-error")).Not.ToBeEmptyAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.GetByLabel("Passwort", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Schalter-2026!");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Übersicht" })).ToBeVisibleAsync();
        // The tab says where the clerk is now, not "sign-in".
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Übersicht – "));
        // The header leaves the phone's first screen to the work (it took a third of it, 277 px of 844).
        var header = (await page.Locator("header.site").BoundingBoxAsync())!;
        Assert.True(header.Height <= 220, $"the staff header is {header.Height} px tall on a phone");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Live-Warteschlange" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mitarbeitende verwalten" })).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "staff-overview-clerk-phone");
    }

    [Fact]
    public async Task A_form_sent_while_the_page_still_checks_the_sign_in_is_sent_once_the_page_is_ready_not_natively()
    {
        // Two replicas made CI see it: the page attaches its handlers after the city's settings and the sign-in check,
        // and an Enter before that sent the form natively (a GET with the fields in the address) and lost it. Here both
        // are slowed: the Enter comes before any of the page's modules has run (shared/hold-forms.js holds it).
        var name = $"Früh {Guid.NewGuid():N}"[..17];
        await using var admin = await browser.NewPartyAsync(Browser.Desktop);
        Assert.True((await admin.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "admin", password = "Schalter-2026!" } })).Ok);
        var page = await admin.NewPageAsync();
        var meAnswered = false;
        await page.RouteAsync("**/api/auth/me", async route =>
        {
            await Task.Delay(6000);
            await route.ContinueAsync();
            meAnswered = true;
        });
        await page.RouteAsync("**/api/city", async route =>
        {
            await Task.Delay(3000);
            await route.ContinueAsync();
        });
        await page.GotoAsync("/agent/admin-kiosks.html");
        await page.GetByLabel("Name (z. B. wo es steht)").FillAsync(name);
        await page.GetByLabel("Name (z. B. wo es steht)").PressAsync("Enter");
        Assert.False(meAnswered, "the Enter must come while the page still waits for the sign-in check");

        await Assertions.Expect(page.GetByLabel("Registrierungslink")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"/kiosk\.html#enrol=[A-Za-z0-9_-]{43}$"));
        Assert.DoesNotContain("name=", page.Url);
        await Assertions.Expect(page.Locator("tr", new() { HasText = name })).ToContainTextAsync("wartet auf Registrierung");
    }

    [Theory]
    [InlineData("clerk.residents", "/agent/appointments.html /agent/queue.html /agent/inbox.html /agent/dossiers.html")]
    [InlineData("supervisor", "/agent/appointments.html /agent/queue.html /agent/inbox.html /agent/dossiers.html /agent/stats.html /agent/audit.html")]
    [InlineData("admin", "/agent/stats.html /agent/admin-booking.html /agent/admin-staff.html /agent/admin-kiosks.html /agent/audit.html")]
    public async Task The_navigation_and_the_home_tiles_offer_exactly_the_pages_of_the_role(string userName, string pages)
    {
        // One table of staff pages and roles (shared/staff.js) feeds both; here each role's pages are written out, so a
        // page offered to the wrong role, or missing for the right one, fails.
        var expected = pages.Split(' ');
        await using var context = await browser.NewPartyAsync();
        Assert.True((await context.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName, password = "Schalter-2026!" } })).Ok);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agent/");
        await Assertions.Expect(page.Locator("#tiles a").First).ToBeVisibleAsync();

        var nav = await page.Locator("#staff-nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var tiles = await page.Locator("#tiles a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(["/agent/", .. expected], nav);
        Assert.Equal(expected, tiles);

        // Each offered page opens for this role with its heading and without an error.
        foreach (var href in expected)
        {
            await page.GotoAsync(href);
            await Assertions.Expect(page.Locator("h1")).Not.ToBeEmptyAsync();
            await Assertions.Expect(page.Locator("#staff-nav a[aria-current='page']")).ToHaveAttributeAsync("href", href);
            await Assertions.Expect(page.Locator("[role=alert]:visible")).ToHaveCountAsync(0);
            // The queue's table is never a bare header: the residents waiting, or a row saying nobody is.
            if (href == "/agent/queue.html")
                await Assertions.Expect(page.Locator("#rows tr").First).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Niemand wartet gerade\.|\d+ Min\."));
        }
    }

    [Fact]
    public async Task A_wrong_password_is_explained_on_the_page()
    {
        await using var context = await browser.NewPartyAsync(locale: "en-GB");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agent/");
        // An unknown name gets the same answer as a wrong password (no guessing which accounts exist); a real
        // account would collect failed attempts run after run until its lockout, which Gateway.Tests covers.
        await page.GetByLabel("User name").FillAsync($"nobody.{Guid.NewGuid():N}"[..20]);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name or password is wrong.");
    }

    [Fact]
    public async Task An_admin_creates_an_account_and_reads_the_audit_log()
    {
        await using var context = await browser.NewPartyAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agent/");
        await page.GetByLabel("Benutzername").FillAsync("admin");
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync("Schalter-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mitarbeitende verwalten" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Rita Residents", Exact = true })).ToBeVisibleAsync();
        var userName = $"e2e.{Guid.NewGuid():N}"[..16];
        await page.GetByLabel("Benutzername").FillAsync(userName);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Erika Beispiel {userName[^6..]}"); // two active colleagues may not share a name, and the suite runs twice
        await page.GetByLabel("Sachbearbeitung").CheckAsync();
        // Ticked by their names (typed as codes until 2026-12-07), as BackOfficeTests does.
        await page.GetByRole(AriaRole.Group, new() { Name = "Abteilungen", Exact = true })
            .GetByRole(AriaRole.Checkbox, new() { Name = "Einwohneramt", Exact = true }).CheckAsync();
        var concerns = page.GetByRole(AriaRole.Group, new() { Name = "Themen (Anliegen)", Exact = true }).GetByRole(AriaRole.Group, new() { Name = "Einwohneramt", Exact = true });
        await concerns.GetByRole(AriaRole.Checkbox, new() { Name = "Umzug innerhalb der Stadt", Exact = true }).CheckAsync();
        await concerns.GetByRole(AriaRole.Checkbox, new() { Name = "Hundeanmeldung", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        // The first account a freshly started gateway creates waited 6 s once (cold queries, REPLICAS=2 starting up).
        await Assertions.Expect(page.Locator("#secret-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Tmp-"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = userName })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "staff-admin-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Protokoll" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Konto von Mitarbeitenden – geändert" }).First).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "staff-audit-desktop");
    }
}
