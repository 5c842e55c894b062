using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>A second instance of the service on the first one's database and Redis prefix, like a second replica.</summary>
public sealed class SecondInstance(SessionsFactory first) : SessionsFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
        base.Configure().Concat(
        [
            new("ConnectionStrings:sessiondb", first.Database.ConnectionString),
            new("Redis:KeyPrefix", first.RedisPrefix),
        ]);
}

public sealed class ScaleOutTests(SessionsFactory first) : IClassFixture<SessionsFactory>, IAsyncLifetime
{
    private SecondInstance second = null!;

    public async Task InitializeAsync()
    {
        second = new SecondInstance(first);
        await ((IAsyncLifetime)second).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)second).DisposeAsync();

    [Fact]
    public async Task Resident_on_one_instance_and_clerk_on_another_share_the_room()
    {
        var room = await first.IssueTicketAsync();
        var clerk = Staff.Clerk("residents-office", "move");
        (await second.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();

        await using var resident = await Hub.ConnectAsync(first);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        await using var staff = await Hub.ConnectAsync(second, clerk);
        await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        Assert.Equal("clerk", (await resident.NextAsync("Presence")).GetProperty("joined").GetProperty("role").GetString());

        await resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Hallo von Instanz eins", (string?)null);
        Assert.Equal("Hallo von Instanz eins", (await staff.NextAsync("Message")).GetProperty("text").GetString());
        await staff.Connection.InvokeAsync<JsonElement>("SendMessage", "Antwort von Instanz zwei", (string?)null);
        // The resident sees its own line first (the group includes the sender), then the clerk's.
        Assert.Equal("Hallo von Instanz eins", (await resident.NextAsync("Message")).GetProperty("text").GetString());
        Assert.Equal("Antwort von Instanz zwei", (await resident.NextAsync("Message")).GetProperty("text").GetString());

        await staff.Connection.InvokeAsync("SendRoomEvent", "identity.request", JsonSerializer.SerializeToElement(new { step = 1 }));
        Assert.Equal("identity.request", (await resident.NextAsync("RoomEvent")).GetProperty("type").GetString());

        // Ending on the first instance revokes the clerk's connection held by the second.
        (await first.CreateStaffClient(clerk).PostAsync($"/api/sessions/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();
        Assert.Equal("ended", (await staff.NextAsync("Closed")).GetProperty("reason").GetString());
        Assert.Equal("ended", (await resident.NextAsync("Closed")).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task What_the_clerk_does_over_REST_on_one_instance_reaches_a_resident_held_by_the_other()
    {
        var room = await first.IssueTicketAsync();
        await using var resident = await Hub.ConnectAsync(first);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);

        // The clerk's browser is pinned to the second instance: REST and hub.
        var clerk = Staff.Clerk("residents-office", "move");
        var clerkApi = second.CreateStaffClient(clerk);
        (await clerkApi.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        // Accepting over REST tells the resident at once, before the clerk's page joins.
        Assert.Equal("Clerk residents-office", (await resident.NextAsync("Accepted")).GetProperty("by").GetProperty("name").GetString());
        await using var staff = await Hub.ConnectAsync(second, clerk);
        await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        var presence = await resident.NextAsync("Presence");
        Assert.Equal("clerk", presence.GetProperty("joined").GetProperty("role").GetString());
        Assert.Contains(presence.GetProperty("participants").EnumerateArray(), p => p.GetProperty("role").GetString() == "clerk");

        // A transfer on the second instance lets the clerk out and tells the resident on the first one.
        (await clerkApi.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toDepartmentKey = "residents-office" })).EnsureSuccessStatusCode();
        Assert.Equal("transferred", (await staff.NextAsync("Closed")).GetProperty("reason").GetString());
        var left = await resident.NextAsync("Presence");
        Assert.Equal("clerk", left.GetProperty("left").GetProperty("role").GetString());
        Assert.DoesNotContain(left.GetProperty("participants").EnumerateArray(), p => p.GetProperty("role").GetString() == "clerk");

        // The colleague takes it on the second instance and ends it there: the resident on the first is told.
        var colleague = Staff.Clerk("residents-office", "move");
        var colleagueApi = second.CreateStaffClient(colleague);
        (await colleagueApi.PostAsJsonAsync("/api/sessions/rooms/accept", new { sessionId = room.Id })).EnsureSuccessStatusCode();
        Assert.Equal("clerk", (await resident.NextAsync("Accepted")).GetProperty("by").GetProperty("role").GetString());
        await using var next = await Hub.ConnectAsync(second, colleague);
        await next.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        Assert.Equal("clerk", (await resident.NextAsync("Presence")).GetProperty("joined").GetProperty("role").GetString());
        // Like the browser, the colleague's page closes its connection the moment it hears the room closed. Its
        // instance then cannot acknowledge a group change any more: ending must not wait for that (30 s before).
        next.Connection.On<JsonElement>("Closed", closed => { _ = next.Connection.StopAsync(); });
        var ending = System.Diagnostics.Stopwatch.StartNew();
        (await colleagueApi.PostAsync($"/api/sessions/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();
        Assert.True(ending.Elapsed < TimeSpan.FromSeconds(10), $"ending took {ending.Elapsed}");
        Assert.Equal("ended", (await resident.NextAsync("Closed")).GetProperty("reason").GetString());
        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Noch da?", (string?)null));
        Assert.Contains("room-closed", refused.Message);
    }

    /// <summary>
    /// Who is in the room reaches a browser twice at nearly the same time — the answer to its join and the notice of
    /// someone joining on another instance — in either order; every list carries a version, higher for each change
    /// on either instance, so the browser keeps the newest (shared/signaling.js; the browser side in
    /// EndToEnd.Tests' RoomPresenceOrderTests).
    /// </summary>
    [Fact]
    public async Task Every_list_of_who_is_in_the_room_carries_a_higher_version_than_the_one_before_on_either_instance()
    {
        var room = await first.IssueTicketAsync();
        var clerk = Staff.Clerk("residents-office", "move");
        (await second.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();

        await using var resident = await Hub.ConnectAsync(first);
        var residentJoin = await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        var afterResident = residentJoin.GetProperty("presenceVersion").GetInt64();
        Assert.True(afterResident > 0);

        await using var staff = await Hub.ConnectAsync(second, clerk);
        var clerkJoin = await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        var afterClerk = clerkJoin.GetProperty("presenceVersion").GetInt64();
        Assert.True(afterClerk > afterResident, $"{afterClerk} after {afterResident}");
        Assert.Equal(2, clerkJoin.GetProperty("participants").GetArrayLength());
        // The resident hears the clerk's list at the version the clerk's join answered with.
        var joined = await resident.NextAsync("Presence");
        Assert.Equal(afterClerk, joined.GetProperty("version").GetInt64());

        // The clerk's page closes: the list without them is newer still.
        await staff.Connection.StopAsync();
        var left = await resident.NextAsync("Presence");
        Assert.True(left.GetProperty("version").GetInt64() > afterClerk);
        Assert.Equal("clerk", left.GetProperty("left").GetProperty("role").GetString());
        Assert.Single(left.GetProperty("participants").EnumerateArray());

        // A second tab of the resident on the other instance: one participant, a newer list.
        await using var secondTab = await Hub.ConnectAsync(second);
        var again = await secondTab.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        Assert.True(again.GetProperty("presenceVersion").GetInt64() > left.GetProperty("version").GetInt64());
        Assert.Single(again.GetProperty("participants").EnumerateArray());
    }

    /// <summary>
    /// A clerk who accepted and then handed the room on before their page came in was named on the resident's page
    /// for good (nothing of theirs left the room, so nothing was said): the transfer says they left all the same.
    /// </summary>
    [Fact]
    public async Task A_clerk_who_hands_the_room_on_before_their_page_came_in_is_told_as_leaving()
    {
        var room = await first.IssueTicketAsync();
        await using var resident = await Hub.ConnectAsync(first);
        var joined = await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);

        var clerk = Staff.Clerk("residents-office", "move");
        var clerkApi = second.CreateStaffClient(clerk);
        (await clerkApi.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        Assert.Equal("Clerk residents-office", (await resident.NextAsync("Accepted")).GetProperty("by").GetProperty("name").GetString());
        (await clerkApi.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toDepartmentKey = "residents-office" })).EnsureSuccessStatusCode();

        var left = await resident.NextAsync("Presence");
        Assert.Equal("Clerk residents-office", left.GetProperty("left").GetProperty("name").GetString());
        Assert.Equal("resident", Assert.Single(left.GetProperty("participants").EnumerateArray()).GetProperty("role").GetString());
        Assert.True(left.GetProperty("version").GetInt64() > joined.GetProperty("presenceVersion").GetInt64());
    }
}
