using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>An invited person's name is shown to everyone in the room: one line, no control character and no link.</summary>
public sealed class InviteNameTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    [Theory]
    [InlineData("Ana\r\nDolmetscherin")]
    [InlineData("Ana\u0000Dolmetscherin")]
    [InlineData("Ana\u001b[2JDolmetscherin")]
    [InlineData("Ana, see https://evil.example/join")]
    public async Task A_name_with_a_line_break_a_control_character_or_a_link_is_refused_with_the_field_named(string name)
    {
        var room = await factory.IssueTicketAsync();
        var clerk = Staff.Clerk("residents-office", "move");
        var client = factory.CreateStaffClient(clerk);
        (await client.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();

        var refused = await client.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/invites", new { name, role = "interpreter" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _));

        var accepted = await client.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/invites", new { name = "Ana Dolmetscherin-Müller", role = "interpreter" });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }
}
