using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Booking;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// Issue 17 in Chromium on a 390 px phone: start → book → confirmation mail, and the queue, in French, Italian and
/// Leichte Sprache; every page axe-clean, titled in the language, without horizontal scrolling; screenshots in
/// artifacts/screenshots (language-*.png).
/// </summary>
public sealed partial class LanguageJourneyTests(Browser browser) : IClassFixture<Browser>
{
    /// <summary>What a resident reads in one language; French and Italian come from the browser, Leichte Sprache from the switch.</summary>
    public sealed record Journey(
        string Language, string BrowserLocale, string Home, string Site, string BookTitle, string Name, string Email, string Submit,
        string Done, string Subject, string QueueName, string Join, string Minutes, string Next);

    private static readonly Dictionary<string, Journey> Journeys = new()
    {
        ["fr"] = new("fr", "fr-CH", "Bienvenue au guichet numérique", "Guichet numérique", "Prendre rendez-vous",
            "Prénom et nom", "Adresse e-mail (pour la confirmation et le lien vers l’entretien)", "Réserver définitivement",
            "Votre rendez-vous est réservé", "Confirmation de rendez-vous\u00a0: ", "Votre nom", "Prendre place dans la file", "minutes", "prochain"),
        ["it"] = new("it", "it-CH", "Benvenuti allo sportello digitale", "Sportello digitale", "Prenotare un appuntamento",
            "Nome e cognome", "E-mail (per la conferma e il link al colloquio)", "Prenotare in modo vincolante",
            "Il vostro appuntamento è prenotato", "Conferma dell’appuntamento: ", "Il vostro nome", "Mettersi in coda", "minuti", "prossim"),
        ["de-x-ls"] = new("de-x-ls", "de-DE", "Willkommen beim digitalen Schalter", "Digitaler Schalter", "Termin machen",
            "Ihr Vorname und Ihr Nachname", "Ihre E-Mail-Adresse. Wir schicken Ihnen eine E-Mail. Darin steht der Link zum Gespräch.",
            "Termin fest machen", "Sie haben jetzt einen Termin", "Ihr Termin ist gebucht: ", "Ihr Name", "Warten auf das Gespräch", "Minuten", "als Nächstes dran"),
    };

    [GeneratedRegex("manage\\.html#t=([A-Za-z0-9_-]{43})")]
    private static partial Regex ManageLink();

    [Theory]
    [InlineData("fr")]
    [InlineData("it")]
    [InlineData("de-x-ls")]
    public async Task A_resident_books_in_their_language_on_a_phone(string language)
    {
        var j = Journeys[language];
        var email = Mailbox.UniqueAddress();
        await using var party = await browser.NewPartyAsync(Browser.Phone, j.BrowserLocale);
        var page = await party.NewPageAsync();

        await page.GotoAsync("/");
        if (language == "de-x-ls")
        {
            // Leichte Sprache is chosen like a language, by its own name, and remembered.
            await page.Locator("#lang").SelectOptionAsync(new SelectOptionValue { Label = "Leichte Sprache" });
        }
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(j.Home);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(page).ToHaveTitleAsync(j.Site);
        await Assertions.Expect(page.Locator("#departments h2").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await AssertFitsAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"language-{language}-01-home-phone");

        await page.Locator("a[href='/book.html?concern=move']").ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync($"{j.BookTitle} – {j.Site}");
        var firstSlot = page.Locator("#slots button").First;
        await Assertions.Expect(firstSlot).ToBeVisibleAsync(new() { Timeout = 15000 });
        await AssertFitsAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"language-{language}-02-slots-phone");

        await firstSlot.ClickAsync();
        await page.GetByLabel(j.Name, new() { Exact = true }).FillAsync("Chiara Muster");
        await page.GetByLabel(j.Email, new() { Exact = true }).FillAsync(email);
        await AssertFitsAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"language-{language}-03-details-phone");
        await BookingForm.SubmitAsync(page, j.Submit);

        await Assertions.Expect(page.Locator("#done-title")).ToHaveTextAsync(j.Done);
        await AssertFitsAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"language-{language}-04-confirmation-phone");

        // The language travelled with the booking: the mail is written in it.
        var mail = (await Mailbox.WaitForAsync(email)).Single();
        Assert.StartsWith(j.Subject, mail.Subject);
        var manageToken = ManageLink().Match(mail.TextBody!).Groups[1].Value;

        // The skip link moves the focus to the content and leaves the token in the address.
        await page.GotoAsync($"/manage.html#t={manageToken}");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Chiara Muster", new() { Timeout = 15000 });
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("a.skip")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
        Assert.EndsWith($"#t={manageToken}", page.Url);
        await AssertFitsAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"language-{language}-05-manage-phone");

        // Opened on another device, whose browser speaks English, the mail's link opens the page in the mail's language.
        var fragment = Regex.Match(mail.TextBody!, @"manage\.html(#t=[A-Za-z0-9_-]{43}&lang=[a-z-]+)").Groups[1].Value;
        Assert.EndsWith($"&lang={language}", fragment);
        await using var elsewhere = await browser.NewPartyAsync(Browser.Phone, "en-GB");
        var other = await elsewhere.NewPageAsync();
        await other.GotoAsync($"/manage.html{fragment}");
        await Assertions.Expect(other.Locator("#summary")).ToContainTextAsync("Chiara Muster", new() { Timeout = 15000 });
        await Assertions.Expect(other.Locator("html")).ToHaveAttributeAsync("lang", language);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("it")]
    [InlineData("de-x-ls")]
    public async Task A_resident_waits_in_the_queue_in_their_language(string language)
    {
        var j = Journeys[language];
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        var desk = await TestDesks.CreateAsync(adminParty, "e2e-language-desk", closedToday: false);

        await using var party = await browser.NewPartyAsync(Browser.Phone, j.BrowserLocale);
        if (language == "de-x-ls") await party.AddInitScriptAsync("localStorage.setItem('lang', 'de-x-ls')");
        var page = await party.NewPageAsync();
        await page.GotoAsync($"/queue.html?concern={desk.ConcernKey}");
        await Assertions.Expect(page.Locator("#join")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.GetByLabel(j.QueueName, new() { Exact = true }).FillAsync("Chiara Muster");
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = j.Join }).ClickAsync();
        await Assertions.Expect(page.Locator("#position")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"), new() { Timeout = 15000 });
        // At position 1 the page says "you are next" instead of an estimate (issue 16 item 14); either is in the language.
        await Assertions.Expect(page.Locator("#estimate")).ToHaveTextAsync(new Regex($"{Regex.Escape(j.Minutes)}|{Regex.Escape(j.Next)}"), new() { Timeout = 15000 });
        await AssertFitsAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"language-{language}-06-queue-phone");
        // Leaving asks first (a stray tap gave the place away), then offers the way back and an appointment instead.
        string? asked = null;
        page.Dialog += (_, dialog) => { asked = dialog.Message; _ = dialog.AcceptAsync(); };
        await page.Locator("#leave").ClickAsync();
        await Assertions.Expect(page.Locator("#requeue")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#ticket-book")).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(asked));
    }

    [Fact]
    public async Task The_booking_page_without_a_concern_lists_the_concerns()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone, "fr-CH");
        var page = await party.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/book.html");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Pour quelle démarche souhaitez-vous prendre rendez-vous ?");
        await Assertions.Expect(page.Locator("#concern-list a[href='/book.html?concern=move']")).ToBeVisibleAsync(new() { Timeout = 15000 });
        Assert.Empty(errors);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "language-fr-07-book-without-concern-phone");
    }

    [Fact]
    public async Task The_city_tells_the_pages_its_languages_and_the_switch_offers_them_in_their_own_names()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone, "es-ES");
        var city = await party.APIRequest.GetAsync("/api/city");
        Assert.True(city.Ok);
        var settings = JsonDocument.Parse(await city.TextAsync()).RootElement;
        Assert.Equal("de", settings.GetProperty("defaultLanguage").GetString());
        Assert.Equal(["de", "en", "fr", "it", "de-x-ls"], settings.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));

        // A browser asking for Spanish gets the city's default.
        var page = await party.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Assertions.Expect(page.Locator("#lang option")).ToHaveTextAsync(["Deutsch", "English", "Français", "Italiano", "Leichte Sprache"]);
        // The choice is remembered across pages.
        await page.Locator("#lang").SelectOptionAsync("it");
        await page.GotoAsync("/queue.html");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Parlare con noi ora");
        await Assertions.Expect(page).ToHaveTitleAsync("Parlare con noi ora – Sportello digitale");
    }

    /// <summary>Long French and Italian words must wrap: nothing may be wider than the phone.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<string>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return '';
              return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 5).map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`).join(', ') || 'page';
            }
            """);
        Assert.True(overflow.Length == 0, $"{page.Url} scrolls sideways at {page.ViewportSize?.Width} px: {overflow}");
    }
}
