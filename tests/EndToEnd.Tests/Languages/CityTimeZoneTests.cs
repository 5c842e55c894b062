using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// Issue 15 item 3: the pages show times in the city's zone (City:TimeZone, served by /api/city), not in a
/// hard-coded Europe/Zurich nor in the zone the device happens to be set to.
/// </summary>
public sealed class CityTimeZoneTests(Browser browser) : IClassFixture<Browser>
{
    // 14:30 UTC on 2 March 2026: 15:30 in Zurich, 09:30 in New York, 23:30 in Tokyo.
    private const string Instant = "2026-03-02T14:30:00Z";

    private const string Format = """
        async instant => {
          const dates = await import('/shared/dates.js');
          return JSON.stringify({ zone: dates.cityTimeZone(), time: dates.formatTime(instant), when: dates.formatWhen(instant), day: dates.formatDay(instant),
            departmentTime: dates.formatTime(instant, 'Europe/Zurich') });
        }
        """;

    private async Task<IBrowserContext> DeviceInTokyoAsync()
    {
        var party = await browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = TestEnvironment.GatewayUrl, Locale = "en-GB", TimezoneId = "Asia/Tokyo",
        });
        await party.AddInitScriptAsync("localStorage.setItem('lang', 'en')");
        return party;
    }

    [Fact]
    public async Task A_city_in_New_York_sees_New_York_times_on_a_device_set_to_Tokyo()
    {
        await using var party = await DeviceInTokyoAsync();
        // The city's settings as a gateway configured with City:TimeZone=America/New_York serves them (see Gateway.Tests CityTests).
        await party.RouteAsync("**/api/city", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = """{"defaultLanguage":"en","languages":["de","en","fr","it","de-x-ls"],"timeZone":"America/New_York"}""",
        }));
        var page = await party.NewPageAsync();
        await page.GotoAsync("/");

        var shown = JsonDocument.Parse(await page.EvaluateAsync<string>(Format, Instant)).RootElement;
        Assert.Equal("America/New_York", shown.GetProperty("zone").GetString());
        Assert.Equal("09:30", shown.GetProperty("time").GetString());
        Assert.Contains("09:30", shown.GetProperty("when").GetString());
        Assert.Contains("Monday", shown.GetProperty("when").GetString());
        Assert.Equal("Monday 2 March", shown.GetProperty("day").GetString());
        // A department that names its own zone (a booking's slots) keeps it.
        Assert.Equal("15:30", shown.GetProperty("departmentTime").GetString());
    }

    [Fact]
    public async Task The_running_city_serves_its_zone_and_the_pages_use_it()
    {
        await using var party = await DeviceInTokyoAsync();
        var city = JsonDocument.Parse(await (await party.APIRequest.GetAsync("/api/city")).TextAsync()).RootElement;
        Assert.Equal("Europe/Zurich", city.GetProperty("timeZone").GetString());

        var page = await party.NewPageAsync();
        await page.GotoAsync("/");
        var shown = JsonDocument.Parse(await page.EvaluateAsync<string>(Format, Instant)).RootElement;
        Assert.Equal("15:30", shown.GetProperty("time").GetString());
    }

    /// <summary>
    /// Every instant a page shows goes through shared/dates.js, in the city's zone: no page formats one itself (in the
    /// device's zone) and no browser file names a zone, so City:TimeZone is the one place that says it.
    /// </summary>
    [Fact]
    public void No_page_formats_an_instant_itself_nor_names_a_zone()
    {
        var root = Path.Combine(TestEnvironment.RepositoryRoot, "gateway", "wwwroot");
        // dates.js is the formatter; rules.js's today() and i18n.js's weekday names take their zone explicitly.
        string[] formatters = ["shared/dates.js", "shared/rules.js", "shared/i18n.js"];
        var ownFormat = new Regex(@"toLocale(Date|Time)String\(|new Intl\.DateTimeFormat\(|new Date\([^)]*\)\.toLocaleString\(");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".js") || f.EndsWith(".html")))
        {
            var name = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith("shared/vendor/", StringComparison.Ordinal)) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!formatters.Contains(name) && ownFormat.IsMatch(lines[i])) found.Add($"{name}:{i + 1} formats a date itself: {lines[i].Trim()}");
                // The staff's problem texts name an IANA zone as an example of the form, not as the city's.
                if (lines[i].Contains("Europe/Zurich") && !lines[i].Contains("'problem.time-zone'")) found.Add($"{name}:{i + 1} names a zone: {lines[i].Trim()}");
            }
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
