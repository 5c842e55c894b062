using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>
/// The slot picker asked for a week from today's UTC date: a department west of UTC (Montreal, Pago Pago) lost its
/// evening's remaining times once UTC had passed midnight, one far east (Kiritimati) the week's seventh day. At any
/// hour one of these two lives on another date than UTC; the resident sees the department's own today first, and
/// "later" and "earlier" page from it.
/// </summary>
public sealed class FarZoneSlotsJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData("Pacific/Pago_Pago")]
    [InlineData("Pacific/Kiritimati")]
    public async Task The_resident_sees_the_departments_own_today_first_and_pages_from_it(string zone)
    {
        await using var admin = await browser.NewPartyAsync();
        var desk = await TestDesks.CreateAsync(admin, $"far-{Guid.NewGuid():N}"[..16], closedToday: false, timeZone: zone);
        await using var party = await browser.NewPartyAsync(Browser.Phone, "fr-FR");
        await party.AddInitScriptAsync("localStorage.setItem('lang', 'fr')");
        var page = await party.NewPageAsync();
        var slotsPath = $"/api/booking/concerns/{desk.ConcernKey}/slots";

        var first = page.WaitForResponseAsync(r => r.Url.Contains(slotsPath));
        await page.GotoAsync($"/book.html?concern={desk.ConcernKey}");
        var today = LocalToday(zone);
        var week = await WeekAsync(await first);
        if (week.From != today) today = LocalToday(zone); // the department's midnight passed between the two
        Assert.Equal((today, today.AddDays(6)), (week.From, week.To));
        var slots = page.Locator("#slots button[data-start]");
        await Assertions.Expect(slots.First).ToBeVisibleAsync(new() { Timeout = 15000 });
        if (TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone(zone)).Hour < 23)
        {
            // Open around the clock: today has times left, and they come first.
            var start = DateTimeOffset.Parse(await slots.First.GetAttributeAsync("data-start") ?? "");
            Assert.Equal(today, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, Zone(zone)).DateTime));
        }
        var earlier = page.GetByRole(AriaRole.Button, new() { Name = "Créneaux précédents" });
        await Assertions.Expect(earlier).ToBeDisabledAsync();

        var next = page.WaitForResponseAsync(r => r.Url.Contains(slotsPath));
        await page.GetByRole(AriaRole.Button, new() { Name = "Créneaux suivants" }).ClickAsync();
        Assert.Equal((today.AddDays(7), today.AddDays(13)), Pair(await WeekAsync(await next)));
        await Assertions.Expect(earlier).ToBeEnabledAsync();
        var back = page.WaitForResponseAsync(r => r.Url.Contains(slotsPath));
        await earlier.ClickAsync();
        Assert.Equal((today, today.AddDays(6)), Pair(await WeekAsync(await back)));
        await Assertions.Expect(earlier).ToBeDisabledAsync();
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"far-zone-{zone.Split('/')[1]}");
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    private static DateOnly LocalToday(string zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone(zone)).DateTime);

    private static (DateOnly, DateOnly) Pair((DateOnly From, DateOnly To) week) => week;

    private static async Task<(DateOnly From, DateOnly To)> WeekAsync(IResponse response)
    {
        using var body = JsonDocument.Parse(await response.TextAsync());
        return (DateOnly.Parse(body.RootElement.GetProperty("from").GetString()!), DateOnly.Parse(body.RootElement.GetProperty("to").GetString()!));
    }
}
