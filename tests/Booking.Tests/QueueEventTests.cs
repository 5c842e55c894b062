using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Sessions;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>What the sessions service tells booking: a resident entered the room; a consultation ended.</summary>
public class QueueEventTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    private async Task<System.Text.Json.JsonElement> Mine(string token) =>
        await (await factory.CreateClient().SendWithToken(HttpMethod.Get, "/api/booking/queue/tickets/mine", token)).Json();

    private async Task<string> Join(string name)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/booking/queue", new { concernKey = "tax-enquiry", name, language = "en" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Json()).GetProperty("token").GetString()!;
    }

    [Fact]
    public async Task Handling_times_drive_the_estimate_and_a_resident_who_joins_is_not_missed()
    {
        var bus = factory.Services.GetRequiredService<IBus>();
        var first = await Join("First");
        var second = await Join("Second");
        // One tax clerk; before any consultation ended, the concern's 15 minutes are the guess: one person is ahead.
        Assert.Equal(0, (await Mine(first)).GetProperty("estimatedWaitMinutes").GetInt32()); // first in line: next
        Assert.Equal(15, (await Mine(second)).GetProperty("estimatedWaitMinutes").GetInt32());

        // Consultations of 30 minutes ended (published until the consumer's queue is bound; every sample is 30).
        await Poll.UntilAsync(async () =>
        {
            await bus.Publish(new SessionEnded(Guid.NewGuid(), null, null, "tax-enquiry", "tax-office", Guid.NewGuid(), "video",
                TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30), DateTimeOffset.UtcNow));
            return (await Mine(second)).GetProperty("estimatedWaitMinutes").GetInt32();
        }, minutes => minutes == 30, TimeSpan.FromSeconds(30), minutes => $"the estimate stayed at {minutes} minutes, not 30");

        var next = await (await factory.CreateStaffClient(BookingFactory.ClerkTax).PostAsync("/api/booking/queue/next", null)).Json();
        Assert.Equal("First", next.GetProperty("citizenName").GetString());
        Assert.Equal(0, (await Mine(second)).GetProperty("estimatedWaitMinutes").GetInt32());
        Assert.Equal("Second", (await Mine(second)).GetProperty("citizenName").GetString());

        await bus.Publish(new ResidentJoined(Guid.NewGuid(), null, next.GetProperty("id").GetGuid(), DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () => (await Mine(first)).GetProperty("status").GetString(), status => status == "joined", TimeSpan.FromSeconds(30), status => $"the ticket is {status}, not joined");

        factory.Clock.Advance(TimeSpan.FromMinutes(5)); // well past the time after which a called ticket is missed
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal("joined", (await Mine(first)).GetProperty("status").GetString());
    }
}
