using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

/// <summary>
/// Issue 15 item 8: a resident's code is issued for the consultation identity learnt from the events, with sessions
/// down; a transferred room's code belongs to the department it went to.
/// </summary>
public sealed class ResidentLinkTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task A_residents_code_needs_no_sessions_and_follows_a_transferred_room()
    {
        var address = Mailbox.UniqueAddress();
        var (room, token) = await factory.AddRoomAsync("residents-office", "move", "Erika Mustermann", address, status: "active");
        await factory.Links.TransferAsync(room.Id, "tax-office");
        factory.Sessions.Down = true;
        try
        {
            var calls = factory.Sessions.Calls;
            var issued = await factory.CreateResidentClient(token).PostAsJsonAsync("/api/identity/tans", new { contentSha256 = new string('b', 64) });
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
            var id = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tanId").GetGuid();
            Assert.Single(await Mailbox.WaitForAsync(address));
            Assert.Equal(calls, factory.Sessions.Calls);

            Assert.Equal(HttpStatusCode.OK, (await factory.CreateStaffClient(Staff.Clerk("tax-office")).GetAsync($"/api/identity/tans/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateStaffClient(Staff.Clerk("residents-office")).GetAsync($"/api/identity/tans/{id}")).StatusCode);
        }
        finally
        {
            factory.Sessions.Down = false;
        }
    }

    [Fact]
    public async Task A_link_nobody_issued_gets_no_code()
    {
        var stranger = factory.CreateResidentClient(Municipal.ServiceDefaults.Security.CapabilityToken.Create());
        var response = await stranger.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = new string('c', 64) });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("tan-outside-consultation", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
