using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>
/// The "just taken" answer in the city's other languages, on a phone: a time chosen for a booking, and a time chosen
/// for a move, each goes to someone else before the resident confirms it. Until 2026-12-04 only German was seen in a
/// browser. Each run has a desk of its own with one clerk, so one booking by somebody else fills a time.
/// </summary>
public sealed class TakenTimeLanguageTests(Browser browser) : IClassFixture<Browser>
{
    public sealed record Expected(string BookingTaken, string MoveTaken);

    private static readonly Dictionary<string, Expected> Texts = new()
    {
        ["en"] = new("This time has just been taken. Please choose one of the next free times.",
            "This time has just been taken. Please choose another one."),
        ["fr"] = new("Ce créneau vient d’être attribué. Veuillez choisir l’un des prochains créneaux libres.",
            "Ce créneau vient d’être attribué. Veuillez en choisir un autre."),
        ["it"] = new("Questo orario è appena stato assegnato. Scegliete uno dei prossimi orari disponibili.",
            "Questo orario è appena stato assegnato. Sceglietene un altro."),
        ["de-x-ls"] = new("Diese Zeit hat gerade jemand anderes genommen. Bitte suchen Sie eine andere Zeit aus.",
            "Diese Zeit hat gerade jemand anderes genommen. Bitte suchen Sie eine andere Zeit aus."),
    };

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("it")]
    [InlineData("de-x-ls")]
    public async Task A_time_taken_before_the_booking_or_the_move_is_said_in_the_residents_language(string language)
    {
        await using var admin = await browser.NewPartyAsync();
        var desk = await TestDesks.CreateAsync(admin, $"taken-{Guid.NewGuid():N}"[..20], closedToday: false);
        await using var party = await browser.NewPartyAsync(Browser.Phone, PhoneRoom.Locales[language]);
        var page = await party.NewPageAsync();
        if (language == "de-x-ls")
        {
            await page.GotoAsync("/");
            await page.Locator("#lang").SelectOptionAsync(new SelectOptionValue { Label = "Leichte Sprache" });
        }

        // Booking: the resident chooses the first free time and fills in the form; somebody else books that time.
        await page.GotoAsync($"/book.html?concern={desk.ConcernKey}");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language, new() { Timeout = 15000 });
        var slots = page.Locator("#slots button[data-start]");
        await Assertions.Expect(slots.First).ToBeVisibleAsync(new() { Timeout = 15000 });
        var start = (await slots.First.GetAttributeAsync("data-start"))!;
        await slots.First.ClickAsync();
        await page.Locator("#name").FillAsync("Mara Spät");
        await page.Locator("#email").FillAsync(Mailbox.UniqueAddress());
        await BookElsewhereAsync(admin, desk, start);

        await page.Locator("#submit").ClickAsync();
        await TakenSaidAsync(page, Texts[language].BookingTaken, "#details", start, $"booking-taken-phone-{language}");

        // The resident takes the next time offered; name and address are still filled in.
        await slots.First.ClickAsync();
        await page.Locator("#submit").ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Mara Spät");

        // Moving it: the new time goes to somebody else before the resident confirms.
        var manage = (await page.Locator("#manage-link").GetAttributeAsync("href"))!;
        Assert.Contains("#t=", manage);
        await page.GotoAsync(manage);
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Mara Spät", new() { Timeout = 15000 });
        await page.Locator("#move").ClickAsync();
        await Assertions.Expect(slots.First).ToBeVisibleAsync(new() { Timeout = 15000 });
        var newStart = (await slots.First.GetAttributeAsync("data-start"))!;
        await slots.First.ClickAsync();
        await BookElsewhereAsync(admin, desk, newStart);

        await page.Locator("#move-yes").ClickAsync();
        await TakenSaidAsync(page, Texts[language].MoveTaken, "#confirm-move", newStart, $"rebooking-taken-phone-{language}");
    }

    /// <summary>The page says the time was taken, closes what confirmed it, and lists free times without it.</summary>
    private static async Task TakenSaidAsync(IPage page, string text, string confirmation, string lostStart, string screenshot)
    {
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(text, new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator(confirmation)).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#slots button[data-start]").First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator($"#slots button[data-start='{lostStart}']").CountAsync());
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, screenshot);
    }

    /// <summary>Somebody else books the time: with the desk's one clerk, it is then full.</summary>
    private static async Task BookElsewhereAsync(IBrowserContext admin, TestDesk desk, string start)
    {
        var other = await admin.APIRequest.PostAsync("/api/booking/appointments", new()
        {
            DataObject = new { concernKey = desk.ConcernKey, start, name = "Schnell Muster", email = Mailbox.UniqueAddress(), language = "de" },
        });
        Assert.True(other.Status == 201, $"booking the same time answered {other.Status}: {await other.TextAsync()}");
    }
}
