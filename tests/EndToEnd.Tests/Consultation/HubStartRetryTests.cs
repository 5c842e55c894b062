using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// A room page whose hub connection fails to start (the gateway or a sessions replica briefly out of reach) starts it
/// again before it reports an error: SignalR's automatic reconnect looks only after a connection that once stood, and
/// a clerk's page in CI with two replicas said "Etwas ist schiefgegangen" for good after one failed start.
/// </summary>
public sealed class HubStartRetryTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly Regex Negotiate = new("/hubs/session/negotiate");

    [Fact]
    public async Task A_resident_whose_first_hub_start_fails_still_enters_the_room()
    {
        var name = $"Rita Retry {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await party.NewPageAsync();
        var negotiations = await RefuseNegotiationsAsync(page, refused: 1);

        await page.GotoAsync($"/room.html#t={ticket.Token}");

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 20000 });
        Assert.True(negotiations() >= 2, $"the hub was negotiated {negotiations()} time(s)");
    }

    [Fact]
    public async Task A_page_whose_hub_never_starts_says_so_after_three_tries()
    {
        var ticket = await ConsultationTickets.TakeAsync($"Nora Never {Random.Shared.Next(1000, 9999)}");
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await party.NewPageAsync();
        var negotiations = await RefuseNegotiationsAsync(page, refused: int.MaxValue);

        await page.GotoAsync($"/room.html#t={ticket.Token}");

        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Etwas ist schiefgegangen", new() { Timeout = 20000 });
        await Assertions.Expect(page.Locator("#room")).ToBeHiddenAsync();
        Assert.Equal(3, negotiations());
    }

    /// <summary>Answers the page's first <paramref name="refused"/> hub negotiations with 503; how many were asked so far.</summary>
    private static async Task<Func<int>> RefuseNegotiationsAsync(IPage page, int refused)
    {
        var asked = 0;
        await page.RouteAsync(Negotiate, async route =>
        {
            if (Interlocked.Increment(ref asked) <= refused) await route.FulfillAsync(new() { Status = 503, Body = "" });
            else await route.ContinueAsync();
        });
        return () => Volatile.Read(ref asked);
    }
}
