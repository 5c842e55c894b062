using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Booking;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// Issue 17 (items 1 and 5) in Chromium: the start page names the city's departments and concerns in French and
/// Italian; an admin names a concern in Italian on the hours page, seeing which text stands in while a language is
/// empty, and the Italian start page shows the new name at once; the same for each concern's documents to bring.
/// </summary>
public sealed class CityNamesJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData("fr", "fr-CH", "Contrôle des habitants", "Annonce d’arrivée", "Prendre rendez-vous : Déménagement dans la ville", "Service des contributions", "Impôt à la source",
        "Documents à préparer", "Contrat de bail ou attestation du bailleur")]
    [InlineData("it", "it-CH", "Controllo abitanti", "Notifica d’arrivo", "Prenotare un appuntamento: Trasloco all’interno della città", "Ufficio delle imposte", "Imposta alla fonte",
        "Documenti da tenere pronti", "Contratto di locazione o attestazione del locatore")]
    public async Task The_start_page_names_departments_and_concerns_in_the_residents_language(
        string language, string locale, string residents, string registration, string bookMove, string tax, string withholding, string toPrepare, string document)
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone, locale);
        var page = await party.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(page.Locator("#departments h2").First).ToHaveTextAsync(residents, new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#departments h2").Nth(1)).ToHaveTextAsync(tax);
        await Assertions.Expect(page.Locator("#departments h3").First).ToHaveTextAsync(registration);
        await Assertions.Expect(page.Locator("#departments h3", new() { HasText = withholding })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = bookMove })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The long names make the page scroll sideways at 390 px.");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"names-01-home-{language}-phone");

        // The documents to bring are the city's own text too: in the resident's language, not German.
        var card = page.Locator("#departments article").First;
        await card.Locator("summary", new() { HasText = toPrepare }).ClickAsync();
        await Assertions.Expect(card.Locator("li").Nth(1)).ToHaveTextAsync(document);
        await Assertions.Expect(card.Locator("li", new() { HasText = "Mietvertrag" })).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The documents make the page scroll sideways at 390 px.");
        await Browser.AssertAccessibleAsync(page);
        await card.ScrollIntoViewIfNeededAsync();
        await Browser.ScreenshotAsync(page, $"names-04-home-{language}-documents-phone");

        // The booking page and the queue's concern list name them the same way.
        await page.GotoAsync("/book.html?concern=residence-registration");
        await Assertions.Expect(page.Locator("#concern-name")).ToContainTextAsync(registration, new() { Timeout = 15000 });
    }

    [Fact]
    public async Task An_admin_names_a_concern_in_Italian_and_the_Italian_start_page_shows_it()
    {
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        var desk = await TestDesks.CreateAsync(adminParty, "e2e-names", closedToday: false);
        var admin = await adminParty.NewPageAsync();
        await admin.GotoAsync("/agent/admin-booking.html");
        var row = admin.Locator("#concern-rows tr", new() { HasText = desk.ConcernKey });
        await row.GetByRole(AriaRole.Button).ClickAsync(new() { Timeout = 15000 });

        var form = admin.Locator("#concern-form");
        var italian = form.GetByLabel("Name (Italienisch)", new() { Exact = true });
        await Assertions.Expect(form.GetByLabel("Name (Deutsch)", new() { Exact = true })).ToHaveValueAsync("Testanliegen");
        await Assertions.Expect(italian).ToHaveValueAsync("");
        // While Italian is empty the admin sees what Italian readers get instead: the German name.
        await Assertions.Expect(admin.Locator("#k-nameIt-fallback")).ToHaveTextAsync("Leer: Es gilt „Testanliegen“ (Deutsch).");
        await Assertions.Expect(italian).ToHaveAttributeAsync("placeholder", "Testanliegen");
        await Browser.AssertAccessibleAsync(admin);
        await form.ScrollIntoViewIfNeededAsync();
        await Browser.ScreenshotAsync(admin, "names-02-admin-italian-empty");

        await italian.FillAsync("Richiesta di prova");
        await Assertions.Expect(admin.Locator("#k-nameIt-fallback")).ToBeHiddenAsync();
        // The documents to bring, per language with the same fallback shown: German and Italian given, French left empty.
        await form.GetByLabel("Unterlagen (Deutsch, eine pro Zeile)", new() { Exact = true }).FillAsync("Testausweis\nTestbeleg");
        await form.GetByLabel("Unterlagen (Italienisch, eine pro Zeile)", new() { Exact = true }).FillAsync("Documento di prova");
        await Assertions.Expect(admin.Locator("#k-documentsFr-fallback")).ToHaveTextAsync("Leer: Es gilt „Testausweis; Testbeleg“ (Deutsch).");
        await Assertions.Expect(admin.Locator("#k-documentsIt-fallback")).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(admin);
        await admin.Locator("#k-documentsFr").ScrollIntoViewIfNeededAsync();
        await Browser.ScreenshotAsync(admin, "names-05-admin-documents-french-empty");
        await form.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        // Saved, the form folds away and the line under the list says which concern.
        await Assertions.Expect(admin.Locator("#concerns-body .list-actions .form-result")).ToHaveTextAsync("Gespeichert: Testanliegen.");
        await Assertions.Expect(form).ToBeHiddenAsync();
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("Testanliegen");

        await using var residentParty = await browser.NewPartyAsync(Browser.Phone, "it-CH");
        var resident = await residentParty.NewPageAsync();
        await resident.GotoAsync("/");
        var card = resident.Locator("#departments article", new() { Has = resident.Locator($"a[href='/book.html?concern={desk.ConcernKey}']") });
        await Assertions.Expect(card.Locator("h3")).ToHaveTextAsync("Richiesta di prova", new() { Timeout = 15000 });
        await card.Locator("summary").ClickAsync();
        await Assertions.Expect(card.Locator("li")).ToHaveTextAsync(["Documento di prova"]);
        await card.ScrollIntoViewIfNeededAsync();
        await Browser.AssertAccessibleAsync(resident);
        await Browser.ScreenshotAsync(resident, "names-03-home-it-edited-phone");

        // French was left empty: French readers get the city's default language (German), never an empty heading.
        await using var frenchParty = await browser.NewPartyAsync(Browser.Phone, "fr-CH");
        var french = await frenchParty.NewPageAsync();
        await french.GotoAsync("/");
        var frenchCard = french.Locator("#departments article", new() { Has = french.Locator($"a[href='/book.html?concern={desk.ConcernKey}']") });
        await Assertions.Expect(frenchCard.Locator("h3")).ToHaveTextAsync("Testanliegen", new() { Timeout = 15000 });
        await frenchCard.Locator("summary").ClickAsync();
        await Assertions.Expect(frenchCard.Locator("li")).ToHaveTextAsync(["Testausweis", "Testbeleg"]);
    }
}
