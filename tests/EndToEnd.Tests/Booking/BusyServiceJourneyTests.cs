using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>
/// Issue 14 item 3: while a service restarts, or is too busy to wait for a lock, the gateway and the service answer 503
/// with Retry-After; the pages send the request again after it and say meanwhile that the service is back shortly.
/// </summary>
public sealed class BusyServiceJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_booking_answered_busy_twice_is_sent_again_and_booked_once()
    {
        var email = Mailbox.UniqueAddress();
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await party.NewPageAsync();
        var refused = 0;
        await page.RouteAsync(new Regex("/api/booking/appointments$"), async route =>
        {
            if (route.Request.Method == "POST" && refused < 2)
            {
                refused++;
                await route.FulfillAsync(new()
                {
                    Status = 503,
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "2", ["Content-Type"] = "application/problem+json" },
                    Body = """{"title":"Service unavailable","status":503}""",
                });
                return;
            }
            await route.ContinueAsync();
        });

        await page.GotoAsync("/book.html?concern=move");
        var firstSlot = page.Locator("#slots button").First;
        await Assertions.Expect(firstSlot).ToBeVisibleAsync(new() { Timeout = 15000 });
        await firstSlot.ClickAsync();
        await page.GetByLabel("Vor- und Nachname").FillAsync("Erika Muster");
        await page.GetByLabel("E-Mail (für die Bestätigung und den Link zum Gespräch)").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verbindlich buchen" }).ClickAsync();

        var note = page.Locator("#api-retrying");
        await Assertions.Expect(note).ToContainTextAsync("Der Dienst ist gleich wieder da");
        await Assertions.Expect(note).ToHaveAttributeAsync("role", "status");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "booking-busy-retrying-phone");

        await BookingForm.ConfirmedAsync(page, "Verbindlich buchen");
        await Assertions.Expect(page.Locator("#done-title")).ToHaveTextAsync("Ihr Termin ist gebucht");
        await Assertions.Expect(note).ToHaveCountAsync(0);
        Assert.Equal(2, refused);
        // Booked once: one confirmation, and no second one arrives.
        Assert.Single(await Mailbox.WaitForAsync(email));
        await Task.Delay(2000);
        Assert.Single(Mailbox.For(email));
    }
}
