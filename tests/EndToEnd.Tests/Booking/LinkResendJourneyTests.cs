using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>
/// Issue 16 item 6 on a phone: an address without a domain ending is refused, the confirmation and manage pages
/// show where the mail went, and a resident whose mail went missing has the links sent again from the start page.
/// </summary>
public sealed partial class LinkResendJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [GeneratedRegex("manage\\.html#t=([A-Za-z0-9_-]{43})")]
    private static partial Regex ManageLink();

    [GeneratedRegex("room\\.html#t=([A-Za-z0-9_-]{43})")]
    private static partial Regex JoinLink();

    [Fact]
    public async Task A_resident_sees_the_address_and_has_the_links_sent_again()
    {
        var email = Mailbox.UniqueAddress();
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await party.NewPageAsync();

        await page.GotoAsync("/book.html?concern=move");
        var firstSlot = page.Locator("#slots button").First;
        await Assertions.Expect(firstSlot).ToBeVisibleAsync(new() { Timeout = 15000 });
        await firstSlot.ClickAsync();
        await page.GetByLabel("Vor- und Nachname").FillAsync("Erika Muster");
        var address = page.GetByLabel("E-Mail (für die Bestätigung und den Link zum Gespräch)");
        await address.FillAsync("erika.muster@example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verbindlich buchen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#email-error")).ToBeVisibleAsync();
        await address.FillAsync(email);
        await BookingForm.SubmitAsync(page, "Verbindlich buchen");
        await Assertions.Expect(page.Locator("#done-title")).ToHaveTextAsync("Ihr Termin ist gebucht");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync($"E-Mail an{email}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the confirmation is wider than the phone");
        await Browser.ScreenshotAsync(page, "resend-01-confirmation-shows-address-phone");
        var first = (await Mailbox.WaitForAsync(email)).Single();
        var oldJoin = JoinLink().Match(first.TextBody!).Groups[1].Value;

        // The mail "went missing": the start page sends the links again, with the same answer for any address.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#departments h2").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        var form = page.Locator("#resend");
        await form.GetByLabel("E-Mail-Adresse").FillAsync("erika@example");
        await form.GetByRole(AriaRole.Button, new() { Name = "Links erneut senden" }).ClickAsync();
        await Assertions.Expect(form.Locator(".field-error")).ToContainTextAsync("vollständige E-Mail-Adresse");
        await form.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await form.GetByRole(AriaRole.Button, new() { Name = "Links erneut senden" }).ClickAsync();
        await Assertions.Expect(page.Locator("#resend-status")).ToContainTextAsync($"Falls es zu dieser Adresse Termine gibt, haben wir die Links soeben an {email} gesendet");
        await Assertions.Expect(form.Locator(".field-error")).ToHaveCountAsync(0);

        var stranger = Mailbox.UniqueAddress("stranger");
        await form.GetByLabel("E-Mail-Adresse").FillAsync(stranger);
        await form.GetByRole(AriaRole.Button, new() { Name = "Links erneut senden" }).ClickAsync();
        await Assertions.Expect(page.Locator("#resend-status")).ToContainTextAsync($"Falls es zu dieser Adresse Termine gibt, haben wir die Links soeben an {stranger} gesendet");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the start page is wider than the phone");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "resend-02-start-page-phone");

        var again = (await Mailbox.WaitForAsync(email, 2)).Last();
        Assert.StartsWith("Ihre Links zum Termin", again.Subject);
        var manage = ManageLink().Match(again.TextBody!).Groups[1].Value;
        var join = JoinLink().Match(again.TextBody!).Groups[1].Value;
        Assert.NotEqual(oldJoin, join);
        Assert.Empty(Mailbox.For(stranger));

        await page.GotoAsync($"/manage.html#t={manage}");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync(email);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the manage page is wider than the phone");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "resend-03-manage-shows-address-phone");

        // The new join link opens the room once sessions has learnt it; the old one no longer does.
        // The page itself waits (half a minute) for a link whose event is still on its way.
        await page.GotoAsync("about:blank");
        await page.GotoAsync($"/room.html#t={join}");
        await Assertions.Expect(page.Locator("#room")).ToBeVisibleAsync(new() { Timeout = 45000 });
        await page.GotoAsync("about:blank");
        await page.GotoAsync($"/room.html#t={oldJoin}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Dieser Link gilt nicht mehr", new() { Timeout = 15000 });
    }
}
