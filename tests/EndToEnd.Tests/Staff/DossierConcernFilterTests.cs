using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Languages;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// The dossiers page filters by concern in a closed list, one line high: a long concern name was cut there on a phone.
/// Where the list cuts the name chosen, it now stands whole under the list; a screen reader hears it whole from the
/// list. The forms are files with short titles, so the test lengthens one title as the page receives it.
/// Screenshots as dossier-concern-{where}.png.
/// </summary>
public sealed class DossierConcernFilterTests(Browser browser) : IClassFixture<Browser>
{
    private const string Long = "Anmeldung eines Hundes mit Befreiung von der Hundesteuer für Assistenzhunde";

    [Theory]
    [InlineData("phone", 390, 844)]
    [InlineData("phone-zoom200", 195, 422)]
    [InlineData("desktop", 1366, 900)]
    public async Task A_long_concern_name_chosen_in_the_filter_reads_whole_without_sideways_scrolling(string where, int width, int height)
    {
        await using var party = await browser.NewPartyAsync(new ViewportSize { Width = width, Height = height });
        var login = await party.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } });
        Assert.True(login.Ok, $"login: {login.Status}");
        var page = await party.NewPageAsync();
        await page.RouteAsync("**/api/forms/definitions", async route =>
        {
            var response = await route.FetchAsync();
            var definitions = JsonNode.Parse(await response.TextAsync())!.AsArray();
            definitions.Single(d => (string?)d!["concernKey"] == "dog-registration")!["title"]!["de"] = Long;
            await route.FulfillAsync(new() { Response = response, Body = definitions.ToJsonString() });
        });
        await page.GotoAsync("/agent/dossiers.html");
        var concern = page.GetByLabel("Anliegen", new() { Exact = true });
        await Assertions.Expect(concern.Locator("option", new() { HasText = Long })).ToHaveCountAsync(1);
        var full = page.Locator("#f-concern-full");

        await concern.SelectOptionAsync(new SelectOptionValue { Label = Long });
        // A screen reader hears the list's value: the whole name (the line under it is hidden from it, not said twice).
        await Assertions.Expect(concern.Locator("option:checked")).ToHaveTextAsync(Long);
        await Assertions.Expect(full).ToHaveAttributeAsync("aria-hidden", "true");
        // The eye reads it whole: under the list where the list's box is narrower than the name, else in the list.
        if (where.StartsWith("phone", StringComparison.Ordinal) || !await FitsAsync(concern))
        {
            await Assertions.Expect(full).ToBeVisibleAsync();
            await Assertions.Expect(full).ToHaveTextAsync(Long);
        }
        else
        {
            await Assertions.Expect(full).ToBeHiddenAsync();
        }
        Assert.Equal("", await page.EvaluateAsync<string>(PageSweepTests.SidewaysOverflow));
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, $"dossier-concern-{where}");

        // "All" and a name the list shows whole need no second line.
        await concern.SelectOptionAsync("");
        await Assertions.Expect(full).ToBeHiddenAsync();
        if (where == "desktop")
        {
            await concern.SelectOptionAsync("move");
            await Assertions.Expect(full).ToBeHiddenAsync();
        }
    }

    /// <summary>Whether the list's box is as wide as a copy of it holding only the chosen name needs to be.</summary>
    private static Task<bool> FitsAsync(ILocator select) => select.EvaluateAsync<bool>("""
        select => {
          const copy = select.cloneNode(false);
          copy.removeAttribute('id');
          copy.append(new Option(select.selectedOptions[0].text));
          Object.assign(copy.style, { position: 'absolute', width: 'auto', maxWidth: 'none', visibility: 'hidden' });
          document.body.append(copy);
          const needed = copy.getBoundingClientRect().width;
          copy.remove();
          return needed <= select.getBoundingClientRect().width + 0.5;
        }
        """);
}
