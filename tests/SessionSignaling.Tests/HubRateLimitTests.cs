using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>
/// The hub's per-connection budgets, lowered so a test can cross them quickly, on a monotonic clock that stands still
/// until the test moves it: how many lines a budget lets through does not depend on how fast a loaded machine sends.
/// </summary>
public sealed class LimitedSessionsFactory : SessionsFactory
{
    public TestClock Timestamps { get; } = TestClock.WithSteppedTimestamps();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Timestamps));
    }

    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
        base.Configure().Concat(
        [
            new("Sessions:HubLimits:Chat:Burst", "3"),
            new("Sessions:HubLimits:Chat:PerSecond", "2"),
            new("Sessions:HubLimits:Typing:Burst", "5"),
            new("Sessions:HubLimits:Typing:PerSecond", "1"),
            new("Sessions:HubLimits:PerIpFactor", "2"),
        ]);
}

public sealed class HubRateLimitTests(LimitedSessionsFactory factory) : IClassFixture<LimitedSessionsFactory>
{
    [Fact]
    public async Task A_client_over_its_budget_gets_rate_limited_errors_stays_connected_and_may_send_again_later()
    {
        var room = await factory.IssueTicketAsync();
        var clerk = Staff.Clerk("residents-office", "move");
        (await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        await using var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        await using var staff = await Hub.ConnectAsync(factory, clerk);
        await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);

        // A burst of ten lines: the first three pass, the rest are refused one by one with a clear code.
        var refused = 0;
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await resident.Connection.InvokeAsync<JsonElement>("SendMessage", $"Zeile {i}", $"flood-{i}");
            }
            catch (HubException ex)
            {
                Assert.Contains("rate-limited", ex.Message);
                refused++;
            }
        }
        Assert.Equal(7, refused);
        Assert.Equal(HubConnectionState.Connected, resident.Connection.State);

        // Typing has a budget of its own: the flood above did not use it up, a flood of typing does.
        await resident.Connection.InvokeAsync("Typing", true);
        var typingRefused = 0;
        for (var i = 0; i < 20; i++)
        {
            try { await resident.Connection.InvokeAsync("Typing", i % 2 == 0); }
            catch (HubException ex) when (ex.Message.Contains("rate-limited")) { typingRefused++; }
        }
        Assert.True(typingRefused >= 10, $"only {typingRefused} typing notices refused");

        // Budgets are per connection: the clerk was not slowed down by the resident's flood.
        await staff.Connection.InvokeAsync<JsonElement>("SendMessage", "Bitte langsam", (string?)null);

        // The bucket refills: a second later the resident writes again, on the same connection.
        factory.Timestamps.Advance(TimeSpan.FromSeconds(1.2));
        var again = await resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Wieder da", (string?)null);
        Assert.Equal("Wieder da", again.GetProperty("text").GetString());
        Assert.Equal(HubConnectionState.Connected, resident.Connection.State);
    }

    internal static async Task<TestRoom> AcceptedRoomAsync(SessionsFactory factory, Municipal.ServiceDefaults.Auth.StaffIdentity? clerk = null)
    {
        var room = await factory.IssueTicketAsync();
        var response = await factory.CreateStaffClient(clerk ?? Staff.Clerk("residents-office", "move")).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId });
        response.EnsureSuccessStatusCode();
        return room;
    }

    internal static async Task<int> SendAsync(Hub hub, int lines)
    {
        var sent = 0;
        for (var i = 0; i < lines; i++)
        {
            try
            {
                await hub.Connection.InvokeAsync<JsonElement>("SendMessage", $"Zeile {i}", Guid.NewGuid().ToString("N"));
                sent++;
            }
            catch (HubException ex) when (ex.Message.Contains("rate-limited"))
            {
            }
        }
        return sent;
    }
}
