using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// A bilingual city had one staff language: the mailbox of its French-speaking office was written to in the city's
/// German. The admin sets a department's own on its form ("Langue des collaborateurs", the city's by default), a French
/// admin on a phone and an Italian one at her desk; the form shows it again when she edits the department once more, and
/// booking keeps it. A name left empty names the language standing in in the admin's ("(allemand)"; it read "(Deutsch)").
/// Screenshots admin-department-language-{language}(-form).png.
/// </summary>
public sealed class AdminDepartmentLanguageTests(Browser browser) : IClassFixture<Browser>
{
    private const string AdminPassword = "Schalter-2026!";

    static AdminDepartmentLanguageTests() => Assertions.SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("fr", "fr-CH", "allemand", "Français", "fr")]
    [InlineData("it", "it-CH", "tedesco", "Francese", "fr")]
    public async Task The_admin_sets_a_departments_staff_language_on_its_form(string language, string locale, string german, string chosen, string code)
    {
        var phone = language == "fr";
        var cityOption = language == "fr" ? $"Comme la ville ({german})" : $"Come la città ({german})";
        await using var party = await browser.NewPartyAsync(phone ? Browser.Phone : Browser.Desktop, locale);
        Assert.True((await party.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "admin", password = AdminPassword } })).Ok);
        // A French-speaking office of a German-speaking city, saved without a language of its own (the city's).
        var key = $"bienne-{language}-{Guid.NewGuid():N}"[..20];
        var department = $"Contrôle des habitants {key[^6..]}";
        var saved = await party.APIRequest.PutAsync($"/api/booking/admin/departments/{key}", new()
        {
            DataObject = new { nameDe = $"Einwohnerkontrolle {key[^6..]}", nameFr = department, nameIt = $"Controllo abitanti {key[^6..]}", mailboxEmail = $"{key}@biel-bienne.example", sortOrder = 900 },
        });
        Assert.True(saved.Ok, $"{saved.Status} {await saved.TextAsync()}");

        await party.AddInitScriptAsync($"localStorage.setItem('lang', '{language}')");
        var page = await party.NewPageAsync();
        await page.GotoAsync("/agent/admin-booking.html");
        var row = page.Locator("#department-rows tr", new() { HasText = key });
        var form = page.Locator("#department-form");
        var select = form.Locator("#d-staffLanguage");

        // On a phone the departments fold under their heading's button (AdminHoursFoldTests).
        var section = page.Locator("#departments-title button");
        await Assertions.Expect(row).ToBeAttachedAsync();
        if (phone) await section.ClickAsync();
        // Edited, the department shows the city's language (German here, named in the admin's); she chooses French.
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(form.Locator("#d-key")).ToHaveValueAsync(key);
        await Assertions.Expect(select).ToHaveValueAsync("");
        await Assertions.Expect(select.Locator("option:checked")).ToHaveTextAsync(cityOption);
        // The name left empty says what stands in, the language named in the admin's (it read "(Deutsch)").
        await Assertions.Expect(form.Locator("#d-nameEn-fallback")).ToContainTextAsync($"({german})");
        await Assertions.Expect(page.GetByLabel(await T(page, "ab.staffLanguage"), new() { Exact = true })).ToBeVisibleAsync();
        await select.SelectOptionAsync(new SelectOptionValue { Label = chosen });
        var findings = new List<string>();
        await WalkLook.AtAsync(page, language, $"admin-department-language-{language}", "admin's department form", findings);
        await form.Locator("#d-staffLanguage").ScrollIntoViewIfNeededAsync();
        await form.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, $"admin-department-language-{language}-form.png") });
        await form.Locator("button[type=submit]").ClickAsync();
        // Saved, the form folds away, said under the list; the focus back on the department's "edit".
        await Assertions.Expect(page.Locator("#departments-body .list-actions .form-result")).ToHaveTextAsync(await T(page, "ab.savedItem", new { name = language == "fr" ? department : $"Controllo abitanti {key[^6..]}" }));
        await Assertions.Expect(form).ToBeHiddenAsync();
        await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToBeFocusedAsync();
        Assert.True(findings.Count == 0, string.Join("\n", findings));

        // Booking keeps it: the page loaded anew shows it when the department is edited again.
        var listed = JsonDocument.Parse(await (await party.APIRequest.GetAsync("/api/booking/admin/departments")).TextAsync()).RootElement
            .EnumerateArray().Single(d => d.GetProperty("key").GetString() == key);
        Assert.Equal(code, listed.GetProperty("staffLanguage").GetString());
        await page.ReloadAsync();
        await Assertions.Expect(row).ToBeAttachedAsync();
        if (phone) await section.ClickAsync();
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(form.Locator("#d-key")).ToHaveValueAsync(key);
        await Assertions.Expect(select).ToHaveValueAsync(code);
        await Assertions.Expect(select.Locator("option:checked")).ToHaveTextAsync(chosen);
    }

    /// <summary>The page's own text for a key (the page's i18n module, so its catalogue).</summary>
    private static Task<string> T(IPage page, string key, object? vars = null) =>
        page.EvaluateAsync<string>("async ([key, vars]) => (await import('/shared/i18n.js')).t(key, vars ?? {})", new object?[] { key, vars });
}
