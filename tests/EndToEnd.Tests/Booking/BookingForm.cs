using Microsoft.Playwright;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>
/// The booking page's last step as a resident takes it. The confirmation's heading is in the page from the start
/// (hidden), so waiting for its text proves nothing: what is awaited is the confirmation shown. Tests run side by side
/// on one calendar, so the first free slot may have gone to another test a moment before: the page then says "just
/// taken" and offers the next free times, and the resident picks the first of them and sends the form again (CI,
/// 2026-12-03: a Leichte-Sprache journey lost its slot to a parallel test, passed the heading's check anyway and
/// waited in vain for a confirmation mail).
/// </summary>
public static class BookingForm
{
    private const int Attempts = 5;

    /// <summary>Presses the form's button (named <paramref name="submit"/>) and waits until the booking is confirmed.</summary>
    public static async Task SubmitAsync(IPage page, string submit, float timeout = 30_000)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
        await ConfirmedAsync(page, submit, timeout);
    }

    /// <summary>Waits, after the form was sent, until the booking is confirmed; a slot just taken is replaced by the next one offered.</summary>
    public static async Task ConfirmedAsync(IPage page, string submit, float timeout = 30_000)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Either the confirmation shows, or the form is put away for the slots offered instead.
            await page.WaitForFunctionAsync("() => !document.getElementById('done').hidden || document.getElementById('details').hidden",
                null, new() { Timeout = timeout, PollingInterval = 50 });
            if (await page.Locator("#done").IsVisibleAsync()) return;
            Assert.True(attempt < Attempts, $"The slot was taken {Attempts} times in a row: {await page.Locator("#status").TextContentAsync()}");
            var next = page.Locator("#slots button").First;
            await Assertions.Expect(next).ToBeVisibleAsync(new() { Timeout = timeout });
            await next.ClickAsync();
            await Assertions.Expect(page.Locator("#details")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
        }
    }
}
