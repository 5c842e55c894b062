using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>
/// Issue 18: a chat line reaches the room and its sender is answered without waiting for the transcript's write, which
/// follows in the background; until it is written, a join or a reconnect still gets the line.
/// </summary>
public sealed class ChatDeliveryTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    [Fact]
    public async Task A_line_reaches_the_room_and_its_sender_while_the_transcript_cannot_be_written_and_is_stored_after()
    {
        var (room, resident, staff) = await RoomWithBothAsync();
        await using (resident)
        await using (staff)
        {
            // Another transaction holds the transcript's table: no line can be written until it lets go.
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
            var blocker = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE room_messages IN EXCLUSIVE MODE");
            JsonElement answered;
            try
            {
                var sending = resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Sind Sie da?", "wait-1");
                var atClerk = await staff.NextAsync("Message");
                Assert.Equal("Sind Sie da?", atClerk.GetProperty("text").GetString());
                answered = await sending.WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(atClerk.GetProperty("id").GetInt64(), answered.GetProperty("id").GetInt64());

                // A resend while the line is still queued is answered with it and not announced again.
                var resent = await resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Sind Sie da?", "wait-1").WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(answered.GetProperty("id").GetInt64(), resent.GetProperty("id").GetInt64());
                Assert.False(await staff.ReceivesAsync("Message", TimeSpan.FromSeconds(1)));

                // Someone joining now gets it in the transcript, though it is not written yet.
                await using var again = await Hub.ConnectAsync(factory);
                var joined = await again.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L).WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(["Sind Sie da?"], joined.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
                Assert.Empty(await StoredAsync(room.Id, wait: false));
            }
            finally
            {
                await blocker.RollbackAsync();
                await blocker.DisposeAsync();
            }

            Assert.Equal([(answered.GetProperty("id").GetInt64(), "Sind Sie da?")], await StoredAsync(room.Id));
        }
    }

    [Fact]
    public async Task Lines_written_at_once_on_both_sides_reach_the_room_in_id_order_and_are_all_stored()
    {
        var (room, resident, staff) = await RoomWithBothAsync();
        await using (resident)
        await using (staff)
        {
            var sent = Enumerable.Range(1, 10).SelectMany(n => new[]
            {
                resident.Connection.InvokeAsync<JsonElement>("SendMessage", $"Bürgerin {n}", $"r-{n}"),
                staff.Connection.InvokeAsync<JsonElement>("SendMessage", $"Schalter {n}", $"s-{n}"),
            }).ToList();
            await Task.WhenAll(sent);

            var ids = new List<long>();
            for (var i = 0; i < sent.Count; i++) ids.Add((await staff.NextAsync("Message")).GetProperty("id").GetInt64());
            // A browser skips a line whose id is below the last it showed: the room must hear them in id order.
            Assert.Equal(ids.Order(), ids);
            Assert.Equal(ids, (await StoredAsync(room.Id)).Select(s => s.Id));
        }
    }

    private async Task<(TestRoom Room, Hub Resident, Hub Staff)> RoomWithBothAsync()
    {
        var room = await factory.IssueTicketAsync();
        var clerk = Staff.Clerk("residents-office", "move");
        (await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        var staff = await Hub.ConnectAsync(factory, clerk);
        await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        return (room, resident, staff);
    }

    /// <summary>What the table holds for the room; with <paramref name="wait"/>, once the writer has stored all of it.</summary>
    private async Task<List<(long Id, string Text)>> StoredAsync(Guid roomId, bool wait = true)
    {
        var writer = factory.Services.GetRequiredService<TranscriptWriter>();
        for (var i = 0; wait && i < 100 && writer.QueuedLines(roomId, 0).Count > 0; i++) await Task.Delay(100);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
        return (await db.RoomMessages.AsNoTracking().Where(m => m.RoomId == roomId).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Text }).ToListAsync()).Select(m => (m.Id, m.Text)).ToList();
    }
}
