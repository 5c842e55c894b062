using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// Failed sign-ins on the audit page: until 2026-12-07 an admin could not see there that someone tried passwords on a
/// colleague's account, that it was locked, or that a name matching no account was tried; no failed sign-in was written.
/// </summary>
public sealed class SignInAuditPageTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task An_admin_sees_wrong_passwords_on_an_account_its_lockout_and_an_unknown_name_in_four_languages_on_desktop_and_phone()
    {
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        await BackOfficeTests.SignInAsync(adminParty, "admin");
        var userName = $"m.keller.{Guid.NewGuid():N}"[..17];
        var displayName = $"Martina Keller {userName[^4..]}";
        var created = await adminParty.APIRequest.PostAsync("/api/staff", new()
        {
            DataObject = new { userName, displayName, roles = new[] { "clerk" }, departments = new[] { "residents-office" }, skills = new[] { "move" } },
        });
        Assert.True(created.Ok, $"account: {created.Status} {await created.TextAsync()}");

        // Someone tries six passwords on her account, then a password typed into the name field.
        await using var attacker = await browser.NewPartyAsync();
        for (var i = 0; i < 6; i++)
            Assert.Equal(401, (await attacker.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName, password = $"Guess-{i}-2026!" } })).Status);
        var typedPassword = $"Sommer-{Guid.NewGuid():N}"[..16];
        Assert.Equal(401, (await attacker.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = typedPassword, password = "x" } })).Status);

        var page = await adminParty.NewPageAsync();
        await page.GotoAsync("/agent/audit.html");
        await Assertions.Expect(page.Locator("#count")).Not.ToBeEmptyAsync();
        await page.GetByLabel("Person oder Konto").FillAsync(userName);
        await page.GetByLabel("Anmeldeereignis").SelectOptionAsync(new SelectOptionValue { Label = "Alle fehlgeschlagenen Anmeldungen" });
        var rows = page.Locator("#entries tr");
        var wrong = rows.Filter(new() { HasText = "Anmeldung fehlgeschlagen: falsches Passwort" });
        // Entries are written in batches: the page is asked again until they are there (the answer replaces the rows).
        var filtered = 0;
        for (var i = 0; i < 40 && filtered == 0; i++)
        {
            if (i > 0) await Task.Delay(250);
            await page.EvaluateAsync("() => { document.getElementById('entries').replaceChildren(); document.getElementById('count').textContent = ''; }");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
            await Assertions.Expect(page.Locator("#count")).Not.ToBeEmptyAsync();
            filtered = await rows.Filter(new() { HasText = "Versuch während der Sperre" }).CountAsync();
        }
        // Only her account's failures: nothing else the filter would not find.
        Assert.Equal(await rows.CountAsync(), await rows.Filter(new() { HasText = userName }).CountAsync());
        await Assertions.Expect(wrong.First).ToBeVisibleAsync();
        await Assertions.Expect(wrong.First.GetByRole(AriaRole.Cell, new() { Name = displayName })).ToBeVisibleAsync();
        await Assertions.Expect(wrong.First).ToContainTextAsync(userName);
        await Assertions.Expect(wrong.First).ToContainTextAsync("Adresse 127.0.0.1");
        await Assertions.Expect(wrong.First).ToContainTextAsync("verweigert (401)");
        await Assertions.Expect(rows.Filter(new() { HasText = "Konto vorübergehend gesperrt (zu viele Fehlversuche)" })).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Filter(new() { HasText = "Versuch während der Sperre" })).ToHaveCountAsync(1);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "sign-in-audit-1-failures-of-an-account-desktop");

        // The name that matches no account: "unknown account", and nothing of what was typed.
        await page.GetByLabel("Person oder Konto").FillAsync("");
        await page.GetByLabel("Anmeldeereignis").SelectOptionAsync("unknownAccount");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Cell, new() { Name = "Unbekanntes Konto" })).ToBeVisibleAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("Anmeldung fehlgeschlagen: unbekannter Benutzername");
        Assert.DoesNotContain(typedPassword, await page.ContentAsync(), StringComparison.Ordinal);

        // In each staff language, on a phone too.
        await page.GetByLabel("Anmeldeereignis").SelectOptionAsync("failed");
        await page.GetByLabel("Person oder Konto").FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Assertions.Expect(wrong.First).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(Browser.Phone.Width, Browser.Phone.Height);
        foreach (var (language, label, wrongPassword, lockout) in new[]
        {
            ("fr", "Événement de connexion", "Échec de connexion\u00a0: mot de passe erroné", "Compte bloqué temporairement (trop d’échecs)"),
            ("it", "Evento di accesso", "Accesso non riuscito: password errata", "Account bloccato temporaneamente (troppi tentativi falliti)"),
            ("en", "Sign-in event", "Sign-in failed: wrong password", "Account locked for a while (too many failures)"),
        })
        {
            await page.Locator("#lang").SelectOptionAsync(language);
            await Assertions.Expect(page.GetByLabel(label)).ToHaveValueAsync("failed");
            await Assertions.Expect(rows.Filter(new() { HasText = wrongPassword }).First).ToBeVisibleAsync();
            await Assertions.Expect(rows.Filter(new() { HasText = lockout })).ToHaveCountAsync(1);
            Assert.DoesNotContain("audit.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await Browser.AssertAccessibleAsync(page);
            await Browser.ScreenshotAsync(page, $"sign-in-audit-2-failures-phone-{language}");
        }
    }
}
