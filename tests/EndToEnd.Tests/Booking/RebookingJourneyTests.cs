using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>Issue 16 item 1 in Chromium: after moving the appointment, the link in the new mail opens the room and the old one no longer does.</summary>
public sealed partial class RebookingJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [GeneratedRegex("manage\\.html#t=([A-Za-z0-9_-]{43})")]
    private static partial Regex ManageLink();

    [GeneratedRegex("room\\.html#t=([A-Za-z0-9_-]{43})")]
    private static partial Regex JoinLink();

    [Fact]
    public async Task A_resident_moves_the_appointment_and_enters_the_room_with_the_new_link_from_the_mail()
    {
        var email = Mailbox.UniqueAddress();
        var name = $"Rita Umbuch {Random.Shared.Next(1000, 9999)}";
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await party.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Termin buchen: Umzug innerhalb der Stadt" }).ClickAsync(new() { Timeout = 15000 });
        var firstSlot = page.Locator("#slots button").First;
        await Assertions.Expect(firstSlot).ToBeVisibleAsync(new() { Timeout = 15000 });
        await firstSlot.ClickAsync();
        await page.GetByLabel("Vor- und Nachname").FillAsync(name);
        await page.GetByLabel("E-Mail (für die Bestätigung und den Link zum Gespräch)").FillAsync(email);
        await BookingForm.SubmitAsync(page, "Verbindlich buchen");
        await Assertions.Expect(page.Locator("#done-title")).ToHaveTextAsync("Ihr Termin ist gebucht");

        // Mails leave through booking's outbox and pending-mail consumer: under a full test run that can take a while.
        var booked = (await Mailbox.WaitForAsync(email, timeout: TimeSpan.FromSeconds(90))).Single();
        var oldJoin = JoinLink().Match(booked.TextBody!).Groups[1].Value;
        var manage = ManageLink().Match(booked.TextBody!).Groups[1].Value;

        // Move it on the manage page, to a time other than the current one. The manage page is a page of its own: it
        // works without the booking page's module (issue 15 item 4; the picker is shared/slot-picker.js).
        await page.RouteAsync("**/book.js", route => route.AbortAsync());
        await page.GotoAsync($"/manage.html#t={manage}");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verschieben", Exact = true }).ClickAsync();
        var slots = page.Locator("#slots button");
        await Assertions.Expect(slots.Nth(1)).ToBeVisibleAsync(new() { Timeout = 15000 });
        await slots.Nth(1).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin verschieben" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Der Termin ist verschoben", new() { Timeout = 15000 });
        await Browser.ScreenshotAsync(page, "rebooking-01-moved-phone");

        var moved = (await Mailbox.WaitForAsync(email, 2, TimeSpan.FromSeconds(90))).Last();
        Assert.StartsWith("Termin verschoben", moved.Subject);
        var newJoin = JoinLink().Match(moved.TextBody!).Groups[1].Value;
        Assert.NotEqual(oldJoin, newJoin);
        // The calendar entry carries the same new link (folded lines joined again, RFC 5545 §3.1).
        var ics = moved.Attachments.OfType<MimeKit.MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using (var content = new MemoryStream())
        {
            await ics.Content!.DecodeToAsync(content);
            var calendar = System.Text.Encoding.UTF8.GetString(content.ToArray()).Replace("\r\n ", "").Replace("\n ", "");
            Assert.Contains($"room.html#t={newJoin}", calendar);
        }

        // The new link opens the room (the room is created and moved by events: give them time).
        var room = await party.NewPageAsync();
        await room.GotoAsync($"/room.html#t={newJoin}");
        await Assertions.Expect(room.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 30_000 });
        await Browser.AssertAccessibleAsync(room);
        await Browser.ScreenshotAsync(room, "rebooking-02-room-with-new-link-phone");

        // The old link, which the mail says no longer works, does not.
        var old = await party.NewPageAsync();
        await old.GotoAsync($"/room.html#t={oldJoin}");
        await Assertions.Expect(old.GetByText("Dieser Link ist abgelaufen oder ungültig.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Browser.ScreenshotAsync(old, "rebooking-03-old-link-phone");
    }
}
