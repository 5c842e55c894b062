using System.Globalization;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Languages;
using Municipal.EndToEnd.Tests.Staff;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>
/// A resident on a phone books at a department in a far zone (Pago Pago, UTC−11; Kiritimati, UTC+14) in Italian, English
/// and Leichte Sprache: the week's first day, another day chosen from the list, the form, the confirmation and its mail.
/// The times the page and the mail show are the department's (the button's time, the confirmation's and the mail's are
/// one), and every stop is looked at as the phone walk does (language, raw keys, German leftovers, sideways overflow,
/// small targets, axe-core, a day's choice cut in its closed list). Screenshots as far-zone-walk-{language}-{step}.png.
/// </summary>
public sealed class FarZoneBookingWalkTests(Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData("it", "it-CH", 390, "Pacific/Pago_Pago")]
    [InlineData("en", "en-GB", 390, "Pacific/Kiritimati")]
    [InlineData("de-x-ls", "de-DE", 360, "Pacific/Pago_Pago")]
    public async Task A_resident_books_a_far_departments_time_in_its_zone_and_language(string language, string locale, int width, string zone)
    {
        var findings = new List<string>();
        await using var admin = await browser.NewPartyAsync();
        var desk = await TestDesks.CreateAsync(admin, $"fzw-{Guid.NewGuid():N}"[..16], closedToday: false, timeZone: zone);
        await using var party = await browser.NewPartyAsync(width == 360 ? Browser.SmallPhone : Browser.Phone, locale);
        await party.AddInitScriptAsync($"localStorage.setItem('lang', '{language}')");
        var page = await party.NewPageAsync();

        await page.GotoAsync($"/book.html?concern={desk.ConcernKey}");
        var day = page.Locator("#slot-day-choice");
        await Assertions.Expect(day).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await LookAsync(page, language, "1-week", findings);

        // Another day from the list: its times are the department's hours of that day.
        var second = await day.Locator("option").Nth(1).GetAttributeAsync("value");
        await day.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var slot = page.Locator("#slots button[data-start]").Nth(2);
        var start = DateTimeOffset.Parse(await slot.GetAttributeAsync("data-start") ?? "", CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById(zone));
        Assert.Equal(second, local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Assertions.Expect(slot).ToHaveTextAsync(local.ToString("HH:mm", CultureInfo.InvariantCulture));
        await LookAsync(page, language, "2-day", findings);

        await slot.ClickAsync();
        await Assertions.Expect(page.Locator("#details")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chosen")).ToContainTextAsync(local.ToString("HH:mm", CultureInfo.InvariantCulture));
        var email = Mailbox.UniqueAddress();
        await page.Locator("#name").FillAsync("Chiara Muster");
        await page.Locator("#email").FillAsync(email);
        await Assertions.Expect(page.Locator("#language")).ToHaveValueAsync(language);
        await LookAsync(page, language, "3-details", findings);

        await BookingForm.SubmitAsync(page, await T(page, "book.submit"));
        await Assertions.Expect(page.Locator("#done-title")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync(local.ToString("HH:mm", CultureInfo.InvariantCulture));
        await LookAsync(page, language, "4-confirmed", findings);

        // The mail: in the language, the department's time, no key and no German where the language has its words.
        var mail = (await Mailbox.WaitForAsync(email, timeout: TimeSpan.FromSeconds(90))).Single();
        var text = $"{mail.Subject}\n{mail.TextBody}";
        await File.WriteAllTextAsync(Path.Combine(Browser.ScreenshotDirectory, $"far-zone-walk-{language}-5-mail.txt"), text);
        Assert.Contains(local.ToString("HH:mm", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains(local.Day.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(mail|book)\.[a-z]+\.?[a-zA-Z]*\b", mail.TextBody ?? "");
        if (language != "de-x-ls") Assert.DoesNotMatch(@"\b(Termin|Ihr|Sie|Bitte|Uhr|Anliegen)\b", text.Replace("Testanliegen", ""));

        Assert.True(findings.Count == 0, $"{findings.Count} findings in {language} at {width} px ({zone}):\n{string.Join("\n", findings)}");
    }

    private static Task<string> T(IPage page, string key) =>
        page.EvaluateAsync<string>("async key => (await import('/shared/i18n.js')).t(key)", key);

    private static Task LookAsync(IPage page, string language, string step, List<string> findings) =>
        WalkLook.AtAsync(page, language, $"far-zone-walk-{language}-{step}", step, findings, WalkLook.EveryChoiceFits);
}
