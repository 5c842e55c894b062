using Microsoft.Playwright;
using System.Text.RegularExpressions;
using Municipal.Contracts.Sessions;
using Municipal.Testing;
using Xunit.Sdk;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// A supervisor reads the statistics page. The figures come from the events the sessions service publishes when
/// consultations end and residents rate them, on the running system's RabbitMQ, dated in a fortnight of the past
/// that no other test touches, so the page's numbers can be checked exactly.
/// </summary>
public sealed class StatisticsPageTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_supervisor_sees_waiting_times_channels_and_ratings_by_week_in_charts_and_tables()
    {
        await using var context = await browser.NewPartyAsync(Browser.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agent/");
        await page.GetByLabel("Benutzername").FillAsync("supervisor");
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync("Schalter-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Statistik" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statistik", Exact = true })).ToBeVisibleAsync();

        // A fortnight between 2001 and 2020 that holds nothing yet (the same system may have run this test before).
        var monday = await EmptyFortnightAsync(page);
        DateTimeOffset Noon(int day) => new(monday.AddDays(day).ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);
        var sessions = new (int Day, string Concern, string Department, string Channel, int Wait, int Handle, int? Score)[]
        {
            (0, "move", "residents-office", "video", 60, 600, 5),
            (0, "move", "residents-office", "chat", 180, 900, 4),
            (0, "tax-enquiry", "tax-office", "video", 30, 300, 2),
            (2, "residence-registration", "residents-office", "screen", 240, 1200, 5),
            (2, "dog-registration", "residents-office", "chat", 90, 480, null),
            (4, "move", "residents-office", "video", 120, 720, 3),
            (8, "tax-enquiry", "tax-office", "chat", 45, 360, 4),
            (9, "move", "residents-office", "video", 300, 1500, null),
            (11, "move", "residents-office", "chat", 75, 540, 5),
        };
        var events = new List<object>();
        foreach (var s in sessions)
        {
            var id = Guid.NewGuid();
            events.Add(new SessionEnded(id, null, null, s.Concern, s.Department, Guid.NewGuid(), s.Channel,
                TimeSpan.FromSeconds(s.Wait), TimeSpan.FromSeconds(s.Handle), Noon(s.Day)));
            if (s.Score is { } score) events.Add(new FeedbackGiven(id, s.Concern, s.Department, score, null, Noon(s.Day).AddMinutes(2)));
        }
        await TestBus.PublishAsync(events);

        // Booking consumes the events in the background: reload the range until all nine are counted.
        var consultations = page.Locator("#summary div", new() { HasText = "Beratungen" }).Locator("dd");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await page.GotoAsync($"/agent/stats.html?from={monday:yyyy-MM-dd}&to={monday.AddDays(13):yyyy-MM-dd}");
            await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("geladen"); // not any status: a consultation handed to the supervisor shows one too
            if (await consultations.TextContentAsync() == "9") break;
            if (DateTime.UtcNow > deadline) throw new XunitException($"Booking counted {await consultations.TextContentAsync()} of 9 consultations.");
            await Task.Delay(1000);
        }

        // The range picker, on a phone.
        await page.GetByLabel("Von").FillAsync($"{monday:yyyy-MM-dd}");
        await page.GetByLabel("Bis").FillAsync($"{monday.AddDays(13):yyyy-MM-dd}");
        await page.GetByLabel("Woche", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("geladen"); // not any status: a consultation handed to the supervisor shows one too

        var summary = page.Locator("#summary");
        await Assertions.Expect(summary.Locator("div", new() { HasText = "Beratungen" }).Locator("dd")).ToHaveTextAsync("9");
        // Waiting: the nine take 1140 s, a mean of 126.7 s (said as 2 min 7 s, not 2.1 min); the 90th percentile (nearest rank,
        // 9th of 9) is 300 s.
        await Assertions.Expect(summary.Locator("div", new() { HasText = "Wartezeit Ø" }).Locator("dd")).ToHaveTextAsync("2 min 7 s");
        await Assertions.Expect(summary.Locator("div", new() { HasText = "Wartezeit 90 %" }).Locator("dd")).ToHaveTextAsync("5 min");
        await Assertions.Expect(summary.Locator("div", new() { HasText = "Bewertung Ø" }).Locator("dd")).ToHaveTextAsync("4.0 / 5");

        var weeks = page.Locator("#periods tbody tr");
        await Assertions.Expect(weeks).ToHaveCountAsync(2);
        await Assertions.Expect(weeks.Nth(0).Locator("td").First).ToHaveTextAsync("6");
        await Assertions.Expect(weeks.Nth(1).Locator("td").First).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#channels tbody tr", new() { HasText = "Video" }).Locator("td")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("#feedback tbody tr", new() { HasText = "5 von 5" }).Locator("td")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#concerns tbody tr", new() { HasText = "Umzug" }).Locator("td").First).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("#chart-consultations svg[role=img] rect")).ToHaveCountAsync(4);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "stats-weeks-phone");

        // By day, in English, on a desktop screen.
        await page.SetViewportSizeAsync(Browser.Desktop.Width, Browser.Desktop.Height);
        await page.GetByLabel("Sprache").SelectOptionAsync("en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statistics", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Day", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(page.Locator("#periods tbody tr")).ToHaveCountAsync(14);
        await Assertions.Expect(page.Locator("#feedback tbody tr", new() { HasText = "5 of 5" }).Locator("td")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#summary div", new() { HasText = "Waiting, 90th pct." }).Locator("dd")).ToHaveTextAsync("5 min");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "stats-days-desktop-en");

        // Counts are whole: a fortnight without consultations drew "0.5" between 0 and 1 on the count axis (the staff
        // phone walk of 2026-12-07).
        var empty = await EmptyFortnightAsync(page);
        await page.GetByLabel("From").FillAsync($"{empty:yyyy-MM-dd}");
        await page.GetByLabel("To").FillAsync($"{empty.AddDays(13):yyyy-MM-dd}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        // A fortnight of another year names it ("to Sun, 17/03/2013").
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync(empty.AddDays(13).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#periods tbody tr").First.Locator("td").First).ToHaveTextAsync("0");
        var ticks = await page.Locator("#chart-consultations svg text[text-anchor=end]").AllTextContentsAsync();
        Assert.NotEmpty(ticks);
        Assert.All(ticks, tick => Assert.Matches("^[0-9]+$", tick));

        // A reversed range is refused with the reason next to the field.
        await page.GetByLabel("From").FillAsync($"{empty.AddDays(20):yyyy-MM-dd}"); // after the "To" of the empty fortnight
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("#to-error")).ToContainTextAsync("must not be before");
    }

    /// <summary>
    /// The status line said "from Mon 23/12 to Sun 05/01" for a range across New Year, and the same for one of any other
    /// year; the table's and the chart's days did so after it was mended. They all name the years where they are
    /// needed, in each staff language's own date form (at 390 px); within the current year they stay short.
    /// </summary>
    [Fact]
    public async Task The_status_names_the_years_of_a_range_across_New_Year_and_keeps_a_range_of_this_year_short()
    {
        await using var context = await browser.NewPartyAsync(Browser.Phone);
        var login = await context.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "supervisor", password = "Schalter-2026!" } });
        Assert.True(login.Ok, $"login: {login.Status}");
        var page = await context.NewPageAsync();
        var status = page.Locator("#status");
        var days = page.Locator("#periods tbody th");
        var dayLabels = page.Locator("#chart-consultations svg text[text-anchor=middle]");
        var languages = page.Locator("select[data-language-switch]");
        var forms = new (string Language, string Loaded, string From, string To, string Today)[]
        {
            ("de", "Statistik vom {0} bis {1} geladen.", "23.12.2019", "5.1.2020", @"\d{1,2}\.\d{1,2}\."),
            ("fr", "Statistiques du {0} au {1} chargées.", "23.12.2019", "05.01.2020", @"\d{2}\.\d{2}\."),
            ("it", "Statistiche dal {0} al {1} caricate.", "23/12/2019", "05/01/2020", @"\d{2}/\d{2}"),
            ("en", "Statistics from {0} to {1} loaded.", "23/12/2019", "05/01/2020", @"\d{2}/\d{2}"),
        };
        string Pattern(string loaded, string from, string to) =>
            "^" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Regex.Escape(loaded).Replace(@"\{", "{"), from, to) + "$";

        await page.GotoAsync("/agent/stats.html?from=2019-12-23&to=2020-01-05");
        foreach (var (language, loaded, from, to, _) in forms)
        {
            await languages.SelectOptionAsync(language);
            // The weekday as the language shortens it ("Mo.,", "lun.,", "lun", "Mon,"), then the date with its year.
            await Assertions.Expect(status).ToHaveTextAsync(new Regex(Pattern(loaded, $@"\S+,? {Regex.Escape(from)}", $@"\S+,? {Regex.Escape(to)}")));
            // The table's days and the chart's name their years too (they read "Mo., 23.12." and "So., 5.1.").
            await Assertions.Expect(days.First).ToHaveTextAsync(new Regex($@"^\S+,? {Regex.Escape(from)}$"));
            await Assertions.Expect(days.Last).ToHaveTextAsync(new Regex($@"^\S+,? {Regex.Escape(to)}$"));
            await Assertions.Expect(dayLabels.First).ToHaveTextAsync(new Regex($@"^\S+,? {Regex.Escape(from)}$"));
            await Browser.ScreenshotAsync(page, $"stats-new-year-phone-{language}");
        }
        await Browser.AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(Browser.Desktop.Width, Browser.Desktop.Height);
        await Browser.ScreenshotAsync(page, "stats-new-year-en");

        // Today alone: the city's current year, so no year ("Mo., 7.12.").
        await page.GotoAsync("/agent/stats.html");
        await Assertions.Expect(page.Locator("#to")).Not.ToHaveValueAsync("");
        var today = await page.Locator("#to").InputValueAsync();
        await page.GotoAsync($"/agent/stats.html?from={today}&to={today}");
        foreach (var (language, loaded, _, _, date) in forms)
        {
            await languages.SelectOptionAsync(language);
            await Assertions.Expect(status).ToHaveTextAsync(new Regex(Pattern(loaded, $@"\S+,? {date}", $@"\S+,? {date}")));
            await Assertions.Expect(days.First).ToHaveTextAsync(new Regex($@"^\S+,? {date}$"));
            await Assertions.Expect(dayLabels.First).ToHaveTextAsync(new Regex($@"^\S+,? {date}$"));
        }
    }

    /// <summary>A Monday between 2001 and 2020, different on every run, whose fortnight has no consultation or rating.</summary>
    private static async Task<DateOnly> EmptyFortnightAsync(IPage page)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var monday = new DateOnly(2001, 1, 1).AddDays(7 * Random.Shared.Next(0, 1000));
            var response = await page.APIRequest.GetAsync($"/api/booking/statistics?from={monday:yyyy-MM-dd}&to={monday.AddDays(13):yyyy-MM-dd}");
            Assert.True(response.Ok, $"The statistics API answered {response.Status}.");
            var total = (await response.JsonAsync())!.Value.GetProperty("total");
            if (total.GetProperty("consultations").GetInt32() == 0 && total.GetProperty("feedback").GetProperty("count").GetInt32() == 0) return monday;
        }
        throw new XunitException("Found no empty fortnight between 2001 and 2020.");
    }
}
