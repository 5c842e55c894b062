using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>The hub's per-connection budgets, lowered so a test can cross them quickly.</summary>
public sealed class LimitedSessionsFactory : SessionsFactory
{
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
        Assert.InRange(refused, 5, 7);
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
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var again = await resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Wieder da", (string?)null);
        Assert.Equal("Wieder da", again.GetProperty("text").GetString());
        Assert.Equal(HubConnectionState.Connected, resident.Connection.State);
    }

    [Fact]
    public async Task One_token_on_several_connections_shares_one_budget()
    {
        var room = await AcceptedRoomAsync();
        var connections = new List<Hub>();
        for (var i = 0; i < 4; i++)
        {
            var hub = await Hub.ConnectAsync(factory);
            await hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
            connections.Add(hub);
        }

        // Each connection alone may send three lines at once; together they may not send more than one would.
        var sent = 0;
        foreach (var hub in connections)
        {
            sent += await SendAsync(hub, 3);
        }
        foreach (var hub in connections) await hub.DisposeAsync();

        Assert.InRange(sent, 3, 4);
    }

    [Fact]
    public async Task Residents_behind_one_address_share_a_budget_and_other_addresses_and_staff_keep_theirs()
    {
        const string address = "203.0.113.7";
        var sent = 0;
        var hubs = new List<Hub>();
        for (var i = 0; i < 4; i++)
        {
            var room = await AcceptedRoomAsync();
            var hub = await Hub.ConnectAsync(factory, forwardedFor: address);
            await hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
            hubs.Add(hub);
        }
        var sending = System.Diagnostics.Stopwatch.StartNew();
        foreach (var hub in hubs) sent += await SendAsync(hub, 3);
        sending.Stop();

        // Twice one connection's budget (PerIpFactor 2) for the address, not four residents' worth (12). The address's
        // bucket refills at 2 × 2 lines a second while the lines go out, which takes longer on a busy machine.
        var refilled = (int)Math.Floor(sending.Elapsed.TotalSeconds * 4);
        Assert.InRange(sent, 6, Math.Min(11, 7 + refilled));

        var elsewhere = await AcceptedRoomAsync();
        await using var other = await Hub.ConnectAsync(factory, forwardedFor: "198.51.100.9");
        await other.Connection.InvokeAsync<JsonElement>("JoinAsResident", elsewhere.Token, 0L);
        Assert.Equal(3, await SendAsync(other, 3));

        var clerk = Staff.Clerk("residents-office", "move");
        var staffRoom = await AcceptedRoomAsync(clerk);
        await using var staff = await Hub.ConnectAsync(factory, clerk, forwardedFor: address);
        await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", staffRoom.Id, 0L);
        Assert.Equal(3, await SendAsync(staff, 3));
        foreach (var hub in hubs) await hub.DisposeAsync();
    }

    private async Task<TestRoom> AcceptedRoomAsync(Municipal.ServiceDefaults.Auth.StaffIdentity? clerk = null)
    {
        var room = await factory.IssueTicketAsync();
        var response = await factory.CreateStaffClient(clerk ?? Staff.Clerk("residents-office", "move")).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId });
        response.EnsureSuccessStatusCode();
        return room;
    }

    private static async Task<int> SendAsync(Hub hub, int lines)
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
