using Microsoft.Extensions.DependencyInjection;
using Municipal.SessionSignaling.Hubs;

namespace Municipal.SessionSignaling.Tests;

/// <summary>The room's list of connections in Redis, as a transfer or an end changes it.</summary>
public sealed class RoomPresenceTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    private RoomPresence Presence => factory.Services.GetRequiredService<RoomPresence>();

    /// <summary>
    /// A transfer lets the clerk who handed over out of the room. Their second tab joining in the moment between
    /// reading the room's list and removing from it was left in the room (the list was read, then only what it held
    /// was removed): it is now removed with the others.
    /// </summary>
    [Fact]
    public async Task A_connection_that_joins_while_its_clerk_is_let_out_is_let_out_too()
    {
        var roomId = Guid.NewGuid();
        var handingOver = Guid.NewGuid();
        var resident = new Participant(roomId, "resident", "Anna Muster", null);
        var clerk = new Participant(roomId, "staff", "Sachbearbeiterin", handingOver);
        await Presence.AddAsync("resident-tab", resident);
        await Presence.AddAsync("clerk-tab-1", clerk);

        var joinedMeanwhile = false;
        var (removed, left) = await Presence.RemoveWhereAsync(roomId, p =>
        {
            // Called on the list already read: here the clerk's second tab joins, before the removal.
            if (!joinedMeanwhile)
            {
                joinedMeanwhile = true;
                Presence.AddAsync("clerk-tab-2", clerk).GetAwaiter().GetResult();
            }
            return p.StaffId == handingOver;
        });

        Assert.Equal(["clerk-tab-1", "clerk-tab-2"], removed.Select(e => e.ConnectionId).Order());
        Assert.Equal(["resident-tab"], left!.Entries.Select(e => e.ConnectionId));
        Assert.Equal(["resident-tab"], (await Presence.ListAsync(roomId)).Select(e => e.ConnectionId));
        Assert.False(await Presence.ContainsAsync(roomId, "clerk-tab-2"));
    }

    [Fact]
    public async Task Removing_where_nobody_matches_changes_nothing()
    {
        var roomId = Guid.NewGuid();
        await Presence.AddAsync("resident-tab", new Participant(roomId, "resident", "Anna Muster", null));

        var (removed, left) = await Presence.RemoveWhereAsync(roomId, p => p.Role == "staff");

        Assert.Empty(removed);
        Assert.Null(left);
        Assert.Single(await Presence.ListAsync(roomId));
    }
}
