using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>Other residents booking through the API while a journey's resident still decides.</summary>
public static class OtherBookings
{
    /// <summary>Books the time of a concern ("move" unless named) under other names until the service refuses it as taken (every clerk busy).</summary>
    public static async Task FillAsync(IBrowserContext party, string start, string concernKey = "move")
    {
        for (var i = 0; i < 30; i++)
        {
            var other = await party.APIRequest.PostAsync("/api/booking/appointments", new()
            {
                DataObject = new { concernKey, start, name = "Schnell Muster", email = Mailbox.UniqueAddress(), language = "de" },
            });
            Assert.True(other.Status is 201 or 409, $"booking the same time answered {other.Status}");
            if (other.Status == 409) return;
        }
        Assert.Fail("the time was never full");
    }
}
