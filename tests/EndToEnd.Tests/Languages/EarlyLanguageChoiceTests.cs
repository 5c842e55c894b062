using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// A resident who picks a language on the switch before the page's scripts are ready (a slow phone, a quick hand)
/// keeps it: the page comes up in it and the next page too. Seen in CI under load: Leichte Sprache chosen on the start
/// page was overwritten with the negotiated German when the switch was wired, and never remembered.
/// </summary>
public sealed class EarlyLanguageChoiceTests(Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData("**/shared/i18n.js")] // before any script ran: only the switch itself shows the choice
    [InlineData("**/api/city")] // while the city's settings load: the page's scripts hear the choice
    public async Task A_language_chosen_before_the_page_is_ready_is_kept(string held)
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone, "de-CH");
        var page = await party.NewPageAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(held, async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        try
        {
            await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("#lang").SelectOptionAsync(new SelectOptionValue { Label = "Leichte Sprache" });
            // Still German: the page is not ready yet.
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        }
        finally
        {
            release.TrySetResult();
        }

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de-x-ls", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Willkommen beim digitalen Schalter");
        await Assertions.Expect(page.Locator("#lang")).ToHaveValueAsync("de-x-ls");

        await page.GotoAsync("/book.html?concern=move");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de-x-ls");
        await Assertions.Expect(page.Locator("#lang")).ToHaveValueAsync("de-x-ls");
    }
}
