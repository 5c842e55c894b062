using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Booking;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// The admin page did not say whether a concern has a form of its own, so an admin ticking "signature needed" on one
/// without could not know what the resident would sign. The concern list names each concern's form, and the concern's
/// form says, beside the tick, what is offered for signing when it has none (the confirmation of the consultation).
/// </summary>
public sealed class AdminConcernFormTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_concern_list_names_each_concerns_form_and_what_a_concern_without_one_is_signed_with()
    {
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop, "it-CH");
        var desk = await TestDesks.CreateAsync(adminParty, $"cf{Guid.NewGuid():N}"[..12], closedToday: false);

        await adminParty.AddInitScriptAsync("localStorage.setItem('lang', 'it')");
        var page = await adminParty.NewPageAsync();
        await page.GotoAsync("/agent/admin-booking.html");
        var rows = page.Locator("#concern-rows tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "move" }).First.Locator("td").Nth(4))
            .ToHaveTextAsync("Trasloco all’interno della città", new() { Timeout = 15000 });
        var own = rows.Filter(new() { Has = page.Locator("td").GetByText(desk.ConcernKey, new() { Exact = true }) });
        await Assertions.Expect(own.Locator("td").Nth(4)).ToHaveTextAsync("nessuno");

        await own.GetByRole(AriaRole.Button).ClickAsync();
        var note = page.Locator("#k-form-note");
        await Assertions.Expect(note).ToHaveTextAsync("Nessun modulo proprio.");
        var signature = page.Locator("#concern-form input[name=needsSignature]");
        await signature.CheckAsync();
        await Assertions.Expect(note).ToContainTextAsync("si offre «Conferma del colloquio» per firmare");
        Assert.Equal("k-form-note", await signature.GetAttributeAsync("aria-describedby"));
        await page.Locator("#concern-form button[type=submit]").ClickAsync();

        await Assertions.Expect(own.Locator("td").Nth(4)).ToHaveTextAsync("nessuno: «Conferma del colloquio» per firmare");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "admin-concern-form-it");
        await page.Locator("section[aria-labelledby=concerns-title] table").ScreenshotAsync(new()
        {
            Path = Path.Combine(Browser.ScreenshotDirectory, "admin-concern-form-it-list.png"),
        });

        // A concern with a form of its own says so beside the tick.
        await rows.Filter(new() { Has = page.Locator("td").GetByText("move", new() { Exact = true }) }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(note).ToHaveTextAsync("Modulo proprio: Trasloco all’interno della città.");
    }
}
