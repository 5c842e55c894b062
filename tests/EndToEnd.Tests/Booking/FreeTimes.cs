using Microsoft.Playwright;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>Free times as a journey picks them before it books through the API.</summary>
public static class FreeTimes
{
    /// <summary>
    /// The first free time in a slot list at least half an hour ahead, so that it does not begin while the journey
    /// moves or cancels it (CI, 2026-12-04: an all-day desk's first free time, 15 minutes ahead at most, had begun).
    /// </summary>
    public static async Task<string> FirstAheadAsync(IAPIResponse slots)
    {
        Assert.Equal(200, slots.Status);
        return (await slots.JsonAsync())!.Value.GetProperty("slots").EnumerateArray()
            .Select(slot => slot.GetProperty("start").GetString()!)
            .First(slot => DateTimeOffset.Parse(slot) > DateTimeOffset.UtcNow.AddMinutes(30));
    }
}
