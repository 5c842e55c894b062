using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Operations;

/// <summary>
/// The browser every journey and the call set-up benchmark run in (issue 18): Chromium's own address-bar popup is not
/// built for each party, and Playwright's own disabled features still apply beside it.
/// </summary>
public sealed class TestBrowserTests(Browser browser) : IClassFixture<Browser>
{
    private const string DisableFeatures = "--disable-features=";

    [Fact]
    public void Chromium_takes_the_last_feature_list_so_ours_names_playwrights_features_and_the_address_bar_popups()
    {
        var browsers = ChromiumCommandLines().ToList();
        Assert.NotEmpty(browsers);
        foreach (var arguments in browsers)
        {
            var lists = arguments.Where(a => a.StartsWith(DisableFeatures, StringComparison.Ordinal))
                .Select(a => a[DisableFeatures.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            // Playwright's list comes first, ours last; Chromium keeps the last one it is given.
            Assert.True(lists.Count >= 2, $"expected Playwright's and our --disable-features, got: {string.Join(' ', arguments)}");
            var applied = lists[^1];
            Assert.Contains("WebUIOmniboxPopup", applied);
            Assert.Contains("WebUIOmniboxAimPopup", applied);
            foreach (var feature in lists.SkipLast(1).SelectMany(list => list))
                Assert.True(applied.Contains(feature), $"Playwright disables {feature}, which our list (the one Chromium keeps) leaves out.");
        }
    }

    [Fact]
    public async Task A_new_party_opens_its_page_and_no_page_of_chromiums_own()
    {
        await using var party = await browser.NewPartyAsync();
        var page = await party.NewPageAsync();
        await page.SetContentAsync("<!doctype html><title>party</title><p>Bitte warten</p>");
        var session = await browser.Instance.NewBrowserCDPSessionAsync();
        var targets = (await session.SendAsync("Target.getTargets"))!.Value.GetProperty("targetInfos").EnumerateArray()
            .Select(target => target.GetProperty("url").GetString() ?? "").ToList();
        Assert.DoesNotContain(targets, url => url.StartsWith("chrome://omnibox-popup", StringComparison.Ordinal));
        Assert.Contains(targets, url => url == "about:blank");
    }

    /// <summary>The command lines of the Chromium browser processes this test process started (through Playwright's driver).</summary>
    private static IEnumerable<string[]> ChromiumCommandLines() =>
        Processes.Descendants(Environment.ProcessId)
            .Select(Processes.CommandLine)
            // The browser process: Chromium with the debugging pipe Playwright drives, and no --type (its children's).
            .Where(arguments => arguments.Contains("--remote-debugging-pipe") && !arguments.Any(a => a.StartsWith("--type=", StringComparison.Ordinal)));
}
