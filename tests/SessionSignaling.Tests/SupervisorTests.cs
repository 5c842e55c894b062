using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Municipal.Contracts.Sessions;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>
/// A supervisor of the room's department steps into a colleague's running consultation: she joins it (announced to
/// the resident and the clerk) and takes it over (the clerk is let out and told by whom, the resident hears that the
/// consultation is handed on, then who took it). Nobody else may: a clerk, another department's supervisor, a resident.
/// </summary>
public sealed class SupervisorTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    [Fact]
    public async Task Only_a_supervisor_of_the_department_joins_and_takes_over_a_colleagues_consultation()
    {
        var room = await factory.IssueTicketAsync(name: "Giulia Bernasconi");
        var clerk = Staff.Clerk("residents-office", "move");
        (await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        await using var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        await using var clerkHub = await Hub.ConnectAsync(factory, clerk);
        await clerkHub.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        await resident.NextAsync("Presence");

        // A clerk of the department (the holder too), another department's supervisor: refused with a reason; a
        // resident's token opens no staff route.
        foreach (var (who, status, code) in new[]
        {
            (Staff.Clerk("residents-office", "move"), HttpStatusCode.Forbidden, "not-department-lead"),
            (clerk, HttpStatusCode.Forbidden, "not-department-lead"),
            (Staff.Supervisor("tax-office"), HttpStatusCode.Forbidden, "not-department-lead"),
        })
        {
            foreach (var action in new[] { "join", "takeover" })
            {
                var refused = await factory.CreateStaffClient(who).PostAsync($"/api/sessions/rooms/{room.Id}/{action}", null);
                Assert.Equal(status, refused.StatusCode);
                Assert.Equal(code, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }
            await using var hub = await Hub.ConnectAsync(factory, who);
            var ex = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<JsonElement>("JoinAsSupervisor", room.Id, 0L));
            Assert.Contains("forbidden", ex.Message, StringComparison.Ordinal);
        }
        foreach (var action in new[] { "join", "takeover" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateResidentClient(room.Token).PostAsync($"/api/sessions/rooms/{room.Id}/{action}", null)).StatusCode);
        await using (var residentAgain = await Hub.ConnectAsync(factory))
            await Assert.ThrowsAsync<HubException>(() => residentAgain.Connection.InvokeAsync<JsonElement>("JoinAsSupervisor", room.Id, 0L));

        // The department's supervisor joins: the resident and the clerk see her come in, by her role.
        var supervisor = Staff.Supervisor("residents-office");
        var lead = factory.CreateStaffClient(supervisor);
        var joined = await lead.PostAsync($"/api/sessions/rooms/{room.Id}/join", null);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(clerk.Id, (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("staffId").GetGuid());
        await using var leadHub = await Hub.ConnectAsync(factory, supervisor);
        var entered = await leadHub.Connection.InvokeAsync<JsonElement>("JoinAsSupervisor", room.Id, 0L);
        Assert.Equal("supervisor", entered.GetProperty("you").GetProperty("role").GetString());
        foreach (var side in new[] { resident, clerkHub })
        {
            var presence = await side.NextAsync("Presence");
            Assert.Equal(("supervisor", supervisor.Name), (presence.GetProperty("joined").GetProperty("role").GetString(), presence.GetProperty("joined").GetProperty("name").GetString()));
        }
        // She writes in the chat; she is no side of the call.
        await leadHub.Connection.InvokeAsync<JsonElement>("SendMessage", "Ich lese mit.", "lead-1");
        Assert.Equal("supervisor", (await resident.NextAsync("Message")).GetProperty("from").GetProperty("role").GetString());
        await Assert.ThrowsAsync<HubException>(() => leadHub.Connection.InvokeAsync("RequestMode", "speak"));
        await Assert.ThrowsAsync<HubException>(() => leadHub.Connection.InvokeAsync("SendRoomEvent", "room.handed-on", JsonSerializer.SerializeToElement(new { by = "x" })));

        // She takes it over: the clerk is let out and told by whom; the resident hears of the hand-on, then who took it.
        var taken = await lead.PostAsync($"/api/sessions/rooms/{room.Id}/takeover", null);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(supervisor.Id, (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("staffId").GetGuid());
        var closed = await clerkHub.NextAsync("Closed");
        Assert.Equal("taken-over", closed.GetProperty("reason").GetString());
        Assert.Equal(supervisor.Name, closed.GetProperty("by").GetProperty("name").GetString());
        var handedOn = await resident.NextAsync("RoomEvent");
        Assert.Equal("room.handed-on", handedOn.GetProperty("type").GetString());
        Assert.Equal(clerk.Name, handedOn.GetProperty("payload").GetProperty("by").GetString());
        Assert.Equal(supervisor.Name, (await resident.NextAsync("Accepted")).GetProperty("by").GetProperty("name").GetString());
        Assert.Equal("taken-over", (await leadHub.NextAsync("Closed")).GetProperty("reason").GetString());
        var transferred = Assert.Single(await factory.EventsAsync<SessionTransferred>(room.Id));
        Assert.Equal((clerk.Id, supervisor.Id), (transferred.GetProperty("fromStaffId").GetGuid(), transferred.GetProperty("toStaffId").GetGuid()));

        // Hers now: she enters as the clerk; the colleague let go can neither come back nor take it back.
        await using var asClerk = await Hub.ConnectAsync(factory, supervisor);
        Assert.Equal("clerk", (await asClerk.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L)).GetProperty("you").GetProperty("role").GetString());
        await using var back = await Hub.ConnectAsync(factory, clerk);
        await Assert.ThrowsAsync<HubException>(() => back.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L));
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateStaffClient(clerk).PostAsync($"/api/sessions/rooms/{room.Id}/takeover", null)).StatusCode);
        var own = await lead.PostAsync($"/api/sessions/rooms/{room.Id}/join", null);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Equal("own-consultation", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_waiting_room_is_not_joined_and_a_resident_handed_on_hears_so_before_the_clerk_goes()
    {
        var room = await factory.IssueTicketAsync();
        var supervisor = Staff.Supervisor("residents-office");
        var waiting = await factory.CreateStaffClient(supervisor).PostAsync($"/api/sessions/rooms/{room.Id}/join", null);
        Assert.Equal(HttpStatusCode.Conflict, waiting.StatusCode);
        Assert.Equal("consultation-not-active", (await waiting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var clerk = Staff.Clerk("residents-office", "move");
        var clerkClient = factory.CreateStaffClient(clerk);
        (await clerkClient.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        await using var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        await using var clerkHub = await Hub.ConnectAsync(factory, clerk);
        await clerkHub.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        await resident.NextAsync("Presence");
        await using var leadHub = await Hub.ConnectAsync(factory, supervisor);
        await leadHub.Connection.InvokeAsync<JsonElement>("JoinAsSupervisor", room.Id, 0L);
        await resident.NextAsync("Presence");

        (await factory.CreateStaffClient(Staff.Clerk("tax-office")).PostAsync("/api/sessions/duty", null)).EnsureSuccessStatusCode();
        (await clerkClient.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toDepartmentKey = "tax-office" })).EnsureSuccessStatusCode();

        // The hand-on comes first, naming the new department; then the clerk goes.
        var handedOn = await resident.NextAsync("RoomEvent");
        Assert.Equal("room.handed-on", handedOn.GetProperty("type").GetString());
        Assert.Equal("tax-office", handedOn.GetProperty("payload").GetProperty("toDepartmentKey").GetString());
        Assert.Equal("clerk", (await resident.NextAsync("Presence")).GetProperty("left").GetProperty("role").GetString());
        // The supervisor of the department the room left goes with it.
        Assert.Equal("transferred", (await leadHub.NextAsync("Closed")).GetProperty("reason").GetString());
        // A reload while it waits still reads that it was handed on.
        var view = await factory.CreateResidentClient(room.Token).GetFromJsonAsync<JsonElement>("/api/sessions/rooms/current");
        Assert.True(view.GetProperty("handedOn").GetBoolean());
        await using var again = await Hub.ConnectAsync(factory);
        Assert.True((await again.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L)).GetProperty("room").GetProperty("handedOn").GetBoolean());
    }
}
