using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>The budgets shared by the connections of one token and of one address (a second tab, a household behind one address), on the stepped clock.</summary>
public sealed class SharedHubBudgetTests(LimitedSessionsFactory factory) : IClassFixture<LimitedSessionsFactory>
{
    [Fact]
    public async Task One_token_on_several_connections_shares_one_budget()
    {
        var room = await HubRateLimitTests.AcceptedRoomAsync(factory);
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
            sent += await HubRateLimitTests.SendAsync(hub, 3);
        }
        foreach (var hub in connections) await hub.DisposeAsync();

        Assert.Equal(3, sent);
    }

    [Fact]
    public async Task Residents_behind_one_address_share_a_budget_and_other_addresses_and_staff_keep_theirs()
    {
        const string address = "203.0.113.7";
        var sent = 0;
        var hubs = new List<Hub>();
        for (var i = 0; i < 4; i++)
        {
            var room = await HubRateLimitTests.AcceptedRoomAsync(factory);
            var hub = await Hub.ConnectAsync(factory, forwardedFor: address);
            await hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
            hubs.Add(hub);
        }
        foreach (var hub in hubs) sent += await HubRateLimitTests.SendAsync(hub, 3);

        // Twice one connection's budget (PerIpFactor 2) for the address, not four residents' worth.
        Assert.Equal(6, sent);

        var elsewhere = await HubRateLimitTests.AcceptedRoomAsync(factory);
        await using var other = await Hub.ConnectAsync(factory, forwardedFor: "198.51.100.9");
        await other.Connection.InvokeAsync<JsonElement>("JoinAsResident", elsewhere.Token, 0L);
        Assert.Equal(3, await HubRateLimitTests.SendAsync(other, 3));

        var clerk = Staff.Clerk("residents-office", "move");
        var staffRoom = await HubRateLimitTests.AcceptedRoomAsync(factory, clerk);
        await using var staff = await Hub.ConnectAsync(factory, clerk, forwardedFor: address);
        await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", staffRoom.Id, 0L);
        Assert.Equal(3, await HubRateLimitTests.SendAsync(staff, 3));
        foreach (var hub in hubs) await hub.DisposeAsync();
    }

    /// <summary>A provider hands a household or a phone a /64 of IPv6 addresses: they are one address's budget (ClientAddress).</summary>
    [Fact]
    public async Task Residents_of_one_ipv6_network_share_its_budget()
    {
        var sent = 0;
        var hubs = new List<Hub>();
        foreach (var address in new[] { "2001:db8:9:1::1", "2001:db8:9:1::2", "2001:db8:9:1:a:b:c:d", "2001:db8:9:1:ffff::3" })
        {
            var room = await HubRateLimitTests.AcceptedRoomAsync(factory);
            var hub = await Hub.ConnectAsync(factory, forwardedFor: address);
            await hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
            hubs.Add(hub);
        }
        foreach (var hub in hubs) sent += await HubRateLimitTests.SendAsync(hub, 3);
        Assert.Equal(6, sent);

        var elsewhere = await HubRateLimitTests.AcceptedRoomAsync(factory);
        await using var other = await Hub.ConnectAsync(factory, forwardedFor: "2001:db8:9:2::1");
        await other.Connection.InvokeAsync<JsonElement>("JoinAsResident", elsewhere.Token, 0L);
        Assert.Equal(3, await HubRateLimitTests.SendAsync(other, 3));
        foreach (var hub in hubs) await hub.DisposeAsync();
    }
}
