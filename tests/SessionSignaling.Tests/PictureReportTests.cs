using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Municipal.ServiceDefaults.Auth;
using Municipal.SessionSignaling.Hubs;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>
/// The identity check asks the room's look-up whether the clerk's page receives a picture of the resident (a call
/// running was not enough: a covered or switched-off camera sends black frames). Only the clerk holding the room says
/// so, and only during a call.
/// </summary>
public sealed class PictureReportTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    private async Task<bool> PictureArrivesAsync(Guid roomId, StaffIdentity clerk) =>
        (await factory.CreateStaffClient(clerk).GetFromJsonAsync<JsonElement>($"/api/sessions/rooms/{roomId}")).GetProperty("pictureArrives").GetBoolean();

    [Fact]
    public async Task Only_the_clerk_holding_the_room_says_whether_a_picture_arrives_and_only_during_a_call()
    {
        var room = await factory.IssueTicketAsync(name: "Pia Kamera");
        var clerk = Staff.Clerk("residents-office", "move");
        (await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        await using var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        await using var staff = await Hub.ConnectAsync(factory, clerk);
        await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);

        // Without a call there is no picture to speak of.
        var early = await Assert.ThrowsAsync<HubException>(() => staff.Connection.InvokeAsync("ReportPicture", true));
        Assert.Contains(HubErrors.NotAsked, early.Message, StringComparison.Ordinal);
        Assert.False(await PictureArrivesAsync(room.Id, clerk));

        await staff.Connection.InvokeAsync("RequestMode", "speak");
        await resident.NextAsync("ModeRequested");
        await resident.Connection.InvokeAsync("AnswerMode", "speak", true);
        // The call runs, and still no picture until the clerk's page says one comes.
        Assert.False(await PictureArrivesAsync(room.Id, clerk));

        // The resident's page does not vouch for its own picture.
        var own = await Assert.ThrowsAsync<HubException>(() => resident.Connection.InvokeAsync("ReportPicture", true));
        Assert.Contains(HubErrors.Forbidden, own.Message, StringComparison.Ordinal);
        Assert.False(await PictureArrivesAsync(room.Id, clerk));

        await staff.Connection.InvokeAsync("ReportPicture", true);
        Assert.True(await PictureArrivesAsync(room.Id, clerk));
        // Black frames or none: the page says so, and the look-up follows at once.
        await staff.Connection.InvokeAsync("ReportPicture", false);
        Assert.False(await PictureArrivesAsync(room.Id, clerk));

        // A picture of a call that ended says nothing of the room afterwards.
        await staff.Connection.InvokeAsync("ReportPicture", true);
        await staff.Connection.InvokeAsync("SetMode", "write");
        Assert.False(await PictureArrivesAsync(room.Id, clerk));
        // Nor of the next call, until the page sees that one's picture.
        await staff.Connection.InvokeAsync("RequestMode", "speak");
        await resident.NextAsync("ModeRequested");
        await resident.Connection.InvokeAsync("AnswerMode", "speak", true);
        Assert.False(await PictureArrivesAsync(room.Id, clerk));
    }
}
