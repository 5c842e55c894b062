using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// Issue 16 item 11 in Chromium: a page shows the server's refusal in its own language, by the problem's reason code,
/// instead of the service's English text; a language switch rewrites it. Screenshots: artifacts/screenshots/problem-*.png.
/// </summary>
public sealed class ProblemTextsTests(Browser browser) : IClassFixture<Browser>
{
    /// <summary>What the booking page says about a name holding a web address, per language, and its labels there.</summary>
    public sealed record BookPage(string Locale, string Name, string Email, string Submit, string Refusal);

    private static readonly Dictionary<string, BookPage> BookPages = new()
    {
        ["de"] = new("de-CH", "Vor- und Nachname", "E-Mail (für die Bestätigung und den Link zum Gespräch)", "Verbindlich buchen",
            "Ein Name darf keine Web- oder E-Mail-Adresse enthalten."),
        ["fr"] = new("fr-CH", "Prénom et nom", "Adresse e-mail (pour la confirmation et le lien vers l’entretien)", "Réserver définitivement",
            "Un nom ne peut pas contenir d’adresse web ou e-mail."),
    };

    private const string EnglishServerText = "A name cannot contain a web or e-mail address.";

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    public async Task The_booking_page_shows_a_refused_name_in_its_language(string language)
    {
        var p = BookPages[language];
        await using var party = await browser.NewPartyAsync(Browser.Phone, p.Locale);
        var page = await party.NewPageAsync();

        await page.GotoAsync("/book.html?concern=move");
        var firstSlot = page.Locator("#slots button").First;
        await Assertions.Expect(firstSlot).ToBeVisibleAsync(new() { Timeout = 15000 });
        await firstSlot.ClickAsync();
        // Only the server knows this rule (no web address in a name: it goes into mails and calendar files).
        await page.GetByLabel(p.Name, new() { Exact = true }).FillAsync("Anna Muster www.example.org");
        await page.GetByLabel(p.Email, new() { Exact = true }).FillAsync(Mailbox.UniqueAddress());
        var answer = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/booking/appointments", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.GetByRole(AriaRole.Button, new() { Name = p.Submit }).ClickAsync();

        // The service refused it with its English text and the code the page translates.
        var problem = await (await answer).JsonAsync();
        Assert.Equal(EnglishServerText, problem!.Value.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal("name-link", problem.Value.GetProperty("reasons").GetProperty("name").GetString());

        var error = page.Locator("#name-error");
        await Assertions.Expect(error).ToHaveTextAsync(p.Refusal);
        await Assertions.Expect(page.Locator("#name")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.DoesNotContain(EnglishServerText, await page.Locator("main").InnerTextAsync());
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"problem-{language}-book-name-phone");

        // The refusal follows a language switch like every other text on the page.
        var other = language == "de" ? "fr" : "de";
        await page.Locator("#lang").SelectOptionAsync(other);
        await Assertions.Expect(error).ToHaveTextAsync(BookPages[other].Refusal);
    }

    [Fact]
    public async Task The_staff_sign_in_page_in_French_shows_missing_fields_in_French()
    {
        await using var party = await browser.NewPartyAsync(Browser.Desktop, "fr-CH");
        var page = await party.NewPageAsync();
        await page.GotoAsync("/agent/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await page.Locator("#sign-in-form button[type=submit]").ClickAsync();

        // The gateway's own texts are German and English ("Bitte Benutzernamen angeben. / Enter your user name."): the page says it in French.
        await Assertions.Expect(page.Locator("#userName-error")).ToHaveTextAsync("Saisissez votre nom d’utilisateur.");
        await Assertions.Expect(page.Locator("#password-error")).ToHaveTextAsync("Saisissez votre mot de passe.");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Enter your user name", text);
        Assert.DoesNotContain("Bitte Passwort angeben", text);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "problem-fr-staff-sign-in-desktop");
    }
}
