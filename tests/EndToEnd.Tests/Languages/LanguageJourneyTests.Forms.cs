using Microsoft.Playwright;
using Municipal.Testing;
using Municipal.EndToEnd.Tests.Forms;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// Issue 17: a form filled alone on a phone in French, Italian and Leichte Sprache — list, labels, countries, live rules,
/// saving. Leichte Sprache on the narrowest phone (360 px): its labels are longer.
/// </summary>
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
        ["de-x-ls"] = new("de-DE", "Neu in der Stadt anmelden", "Neu in der Stadt anmelden – Digitaler Schalter", "Nationalität (Land vom Pass)",
            "Deutschland", "Datum vom Einzug", "Dieses Datum ist zu weit weg. Es darf höchstens 14 Tage nach heute sein.", "Gespeichert"),
    };

    [Theory]
    [InlineData("fr")]
    [InlineData("it")]
    [InlineData("de-x-ls")]
    public async Task A_resident_fills_a_form_in_their_language_on_a_phone(string language)
    {
        var f = Forms[language];
        await using var party = await browser.NewPartyAsync(language == "de-x-ls" ? Browser.SmallPhone : Browser.Phone, f.Locale);
        if (language == "de-x-ls") await party.AddInitScriptAsync("localStorage.setItem('lang', 'de-x-ls')");
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
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Staatsangehörigkeit");

        await FormPage.Field(page, "moveInDate").FillAsync(FormPage.Today(20));
        await Assertions.Expect(page.Locator("#f-moveInDate-error")).ToHaveTextAsync(f.TooFar);
        await FormPage.Field(page, "applicant.officialName").FillAsync("Bianchi");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(f.Saved, new() { Timeout = 10_000 });

        await AssertFitsAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"language-{language}-form-phone");
    }

    /// <summary>
    /// Every form the service ships, opened in Leichte Sprache on a 360 px phone: titled in Leichte Sprache, its first
    /// label too, no German label left, nothing wider than the screen, axe-clean; one screenshot per form
    /// (language-de-x-ls-form-{id}.png) to look at long words and wrapping labels.
    /// </summary>
    [Fact]
    public async Task Every_form_reads_leichte_sprache_on_the_narrowest_phone()
    {
        await using var party = await browser.NewPartyAsync(Browser.SmallPhone);
        await party.AddInitScriptAsync("localStorage.setItem('lang', 'de-x-ls')");
        var list = await party.NewPageAsync();
        await list.GotoAsync("/form.html");
        await Assertions.Expect(list.Locator("#forms a").First).ToBeVisibleAsync();
        var definitions = System.Text.Json.JsonDocument.Parse(await list.EvaluateAsync<string>(
            "async () => JSON.stringify(await Promise.all((await (await fetch('/api/forms/definitions')).json()).map(async d => (await fetch('/api/forms/definitions/' + d.id)).json())))")).RootElement;
        Assert.True(definitions.GetArrayLength() >= 9);

        foreach (var definition in definitions.EnumerateArray())
        {
            var id = definition.GetProperty("id").GetString()!;
            var first = definition.GetProperty("sections")[0].GetProperty("fields")[0];
            var page = await party.NewPageAsync();
            await FormPage.WaitForDraftAsync(page, () => page.GotoAsync($"/form.html#f={id}"));
            await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync(definition.GetProperty("title").GetProperty("de-x-ls").GetString()!);
            await Assertions.Expect(page.Locator(".fv legend, .fv label").Filter(new() { HasText = first.GetProperty("label").GetProperty("de-x-ls").GetString()! }).First)
                .ToBeVisibleAsync();
            if (first.GetProperty("label").GetProperty("de").GetString() != first.GetProperty("label").GetProperty("de-x-ls").GetString())
                await Assertions.Expect(page.Locator(".fv")).Not.ToContainTextAsync(first.GetProperty("label").GetProperty("de").GetString()!);
            await AssertFitsAsync(page);
            await Browser.AssertAccessibleAsync(page);
            await Browser.ScreenshotAsync(page, $"language-de-x-ls-form-{id}");
            await page.CloseAsync();
        }
    }
}
