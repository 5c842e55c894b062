using Microsoft.Playwright;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>The clerk's live queue page, as the journeys use it.</summary>
internal static class ClerkQueue
{
    /// <summary>
    /// Presses "take next" on the clerk's queue page: null once the page went to a room (of a ticket, or of an
    /// appointment due now), else what the queue page says. Any other page fails with its address: a wait for one room
    /// address alone once timed out on a page it could not name (CI, 2026-12-05).
    /// </summary>
    public static async Task<string?> TakeNextAsync(IPage clerk)
    {
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Nächste Person aufrufen" }).ClickAsync();
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline)
        {
            if (clerk.Url.Contains("/agent/room.html?", StringComparison.Ordinal)) return null;
            Assert.True(clerk.Url.Contains("/agent/queue.html", StringComparison.Ordinal), $"'take next' went to {clerk.Url}");
            try
            {
                var status = await clerk.Locator("#next-status").TextContentAsync(new() { Timeout = 1000 });
                if (!string.IsNullOrEmpty(status)) return status;
            }
            catch (Exception e) when (e is PlaywrightException or System.TimeoutException)
            {
                // The page is between documents; its address says where it went on the next turn.
            }
            await Task.Delay(200);
        }
        Assert.Fail($"'take next' neither opened a room nor said why within 45 s; the page is {clerk.Url}");
        return null;
    }
}
