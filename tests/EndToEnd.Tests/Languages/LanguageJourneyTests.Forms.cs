using Microsoft.Playwright;
using Municipal.Testing;
using Municipal.EndToEnd.Tests.Forms;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>Issue 17: a form filled alone on a phone in French and Italian — list, labels, countries, live rules, saving.</summary>
public sealed partial class LanguageJourneyTests
{
    public sealed record FormTexts(
        string Locale, string Listed, string Title, string Nationality, string Germany, string MoveInDate, string TooFar, string Saved);

    private static readonly Dictionary<string, FormTexts> Forms = new()
    {
        ["fr"] = new("fr-CH", "Annonce d’arrivée", "Annonce d’arrivée – Guichet numérique", "Nationalité", "Allemagne",
            "Date d’emménagement", "La date peut se situer au plus 14 jours dans le futur.", "Enregistré"),
        ["it"] = new("it-CH", "Notifica d’arrivo", "Notifica d’arrivo – Sportello digitale", "Cittadinanza", "Germania",
            "Data d’entrata nell’alloggio", "La data può essere al massimo 14 giorni nel futuro.", "Salvato"),
    };

    [Theory]
    [InlineData("fr")]
    [InlineData("it")]
    public async Task A_resident_fills_a_form_in_their_language_on_a_phone(string language)
    {
        var f = Forms[language];
        await using var party = await browser.NewPartyAsync(Browser.Phone, f.Locale);
        var page = await party.NewPageAsync();

        await page.GotoAsync("/form.html");
        await Assertions.Expect(page.Locator("#forms a")).ToHaveCountAsync(9);
        await Assertions.Expect(page.Locator("#forms")).Not.ToContainTextAsync("Anmeldung");
        await FormPage.WaitForDraftAsync(page, () => page.Locator("#forms a", new() { HasText = f.Listed }).ClickAsync());
        await Assertions.Expect(page).ToHaveTitleAsync(f.Title, new() { Timeout = 30_000 });

        // Labels of the form and of the person group, and the country list, all in the page's language.
        await Assertions.Expect(page.GetByLabel(f.Nationality, new() { Exact = false }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var germany = await FormPage.Field(page, "applicant.nationality").Locator("option[value='DE']").TextContentAsync();
        Assert.Equal(f.Germany, germany);
        await Assertions.Expect(page.Locator("label[for='f-moveInDate']")).ToContainTextAsync(f.MoveInDate);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Hauptwohnsitz");

        await FormPage.Field(page, "moveInDate").FillAsync(FormPage.Today(20));
        await Assertions.Expect(page.Locator("#f-moveInDate-error")).ToHaveTextAsync(f.TooFar);
        await FormPage.Field(page, "applicant.officialName").FillAsync("Bianchi");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(f.Saved, new() { Timeout = 10_000 });

        await AssertFitsAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"language-{language}-form-phone");
    }
}
