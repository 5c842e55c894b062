using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.SessionSignaling.Model;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>One resident's bad chat input never costs another room its lines (the outside probe's finding).</summary>
public sealed class ChatInputTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    [Theory]
    [InlineData("Hallo\0Welt")]
    [InlineData("\u0007Glocke")]
    [InlineData("\u001b[31mrot")]
    public async Task A_line_with_control_characters_is_refused_and_not_stored(string text)
    {
        var room = await factory.IssueTicketAsync();
        await using var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);

        var refused = await Assert.ThrowsAsync<HubException>(() => resident.Connection.InvokeAsync<JsonElement>("SendMessage", text, "bad-1"));
        Assert.Contains(HubErrors.InvalidMessage, refused.Message);
        // A line with a line break or a tab is a normal line.
        var fine = await resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Musterweg 1\n8000 Zürich\tCH", "ok-1");
        Assert.Equal("Musterweg 1\n8000 Zürich\tCH", fine.GetProperty("text").GetString());
        Assert.Equal(["Musterweg 1\n8000 Zürich\tCH"], await StoredTextsAsync(room.Id));
    }

    [Theory]
    [InlineData("a\u202Eb")]
    [InlineData("key:with:colons")]
    [InlineData("x\n")]
    public async Task A_client_id_other_than_letters_digits_dash_and_underscore_is_refused(string clientId)
    {
        var room = await factory.IssueTicketAsync();
        await using var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);

        var refused = await Assert.ThrowsAsync<HubException>(() => resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Hallo", clientId));
        Assert.Contains(HubErrors.InvalidMessage, refused.Message);
        var fine = await resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Hallo", Guid.NewGuid().ToString());
        Assert.Equal("Hallo", fine.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Nul_lines_from_several_connections_do_not_cost_another_rooms_resident_a_single_line()
    {
        var victim = await factory.IssueTicketAsync(name: "Vera Opfer");
        await using var victimHub = await Hub.ConnectAsync(factory);
        await victimHub.Connection.InvokeAsync<JsonElement>("JoinAsResident", victim.Token, 0L);

        var attackers = new List<Hub>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var room = await factory.IssueTicketAsync(name: $"Anton Angriff {i}");
                var hub = await Hub.ConnectAsync(factory);
                await hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
                attackers.Add(hub);
            }

            // Interleaved as the probe sent them: bad lines from three connections while the victim writes nine.
            var bad = attackers.SelectMany(a => Enumerable.Range(0, 3).Select(n =>
                a.Connection.InvokeAsync<JsonElement>("SendMessage", $"x\0{n}", $"nul-{n}"))).ToList();
            var good = Enumerable.Range(1, 9).Select(n => victimHub.Connection.InvokeAsync<JsonElement>("SendMessage", $"Zeile {n}", $"v-{n}")).ToList();
            foreach (var task in bad) await Assert.ThrowsAsync<HubException>(() => task);
            var answered = await Task.WhenAll(good);

            Assert.Equal(9, answered.Length);
            var delivered = new List<string>();
            for (var i = 0; i < 9; i++) delivered.Add((await victimHub.NextAsync("Message")).GetProperty("text").GetString()!);
            var expected = Enumerable.Range(1, 9).Select(n => $"Zeile {n}").ToList();
            Assert.Equal(expected.Order(), delivered.Order());
            Assert.Equal(expected.Order(), (await StoredTextsAsync(victim.Id)).Order());
        }
        finally
        {
            foreach (var hub in attackers) await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_batch_the_database_refuses_is_stored_line_by_line_so_only_the_bad_line_fails()
    {
        // Straight to the writer, past the hub's check: whatever else the database may refuse one day, it fails alone.
        var writer = factory.Services.GetRequiredService<TranscriptWriter>();
        var victim = await factory.IssueTicketAsync(name: "Vera Opfer");
        var other = await factory.IssueTicketAsync(name: "Anton Angriff");
        var at = DateTimeOffset.UtcNow;
        RoomMessage Line(Guid room, string text) => new() { RoomId = room, SenderRole = "resident", SenderName = "x", Text = text, SentAt = at };

        var lines = new List<Task<(RoomMessage Message, bool IsNew)>>();
        for (var n = 1; n <= 20; n++)
        {
            lines.Add(writer.AppendAsync(Line(victim.Id, $"Zeile {n}")));
            if (n % 4 == 0) lines.Add(writer.AppendAsync(Line(other.Id, "kaputt\0")));
        }
        var results = await Task.WhenAll(lines.Select(async t => { try { return (await t).Message.Text; } catch (Exception) { return null; } }));

        Assert.Equal(20, results.Count(r => r is not null && r.StartsWith("Zeile", StringComparison.Ordinal)));
        Assert.Equal(5, results.Count(r => r is null));
        Assert.Equal(20, (await StoredTextsAsync(victim.Id)).Count);
    }

    private async Task<List<string>> StoredTextsAsync(Guid roomId)
    {
        // A sender is answered before its line is written (issue 18): wait for the writer to have stored the room's lines.
        var writer = factory.Services.GetRequiredService<TranscriptWriter>();
        for (var i = 0; i < 100 && writer.QueuedLines(roomId, 0).Count > 0; i++) await Task.Delay(100);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
        return await db.RoomMessages.AsNoTracking().Where(m => m.RoomId == roomId).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync();
    }
}
