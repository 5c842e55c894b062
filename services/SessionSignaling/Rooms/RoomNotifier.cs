using Microsoft.AspNetCore.SignalR;
using Municipal.SessionSignaling.Hubs;

namespace Municipal.SessionSignaling.Rooms;

/// <summary>
/// Tells a room's live connections what happened through REST or a consumer (ended, transferred, cancelled) and
/// revokes the connections that may no longer be in it. Works across instances: the Redis backplane carries the
/// messages and group changes, the presence hash says which connections there are.
/// </summary>
public sealed class RoomNotifier(IHubContext<SessionHub, ISessionClient> hub, RoomPresence presence)
{
    public async Task CloseForAsync(Guid roomId, RoomClosed closed, Func<Participant, bool> who)
    {
        var removed = await presence.RemoveWhereAsync(roomId, who);
        if (removed.Count == 0) return;
        var connections = removed.Select(e => e.ConnectionId).ToList();
        await hub.Clients.Clients(connections).Closed(closed);
        foreach (var connectionId in connections)
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, SessionHub.Group(roomId));
        }
        var remaining = (await presence.ListAsync(roomId)).Select(e => e.Participant.AsSender).Distinct().ToList();
        if (remaining.Count > 0)
        {
            // Those who stay see who was let out (a transferred clerk), as when someone leaves by closing the page.
            var left = removed.Select(e => e.Participant.AsSender).Except(remaining).FirstOrDefault();
            await hub.Clients.Group(SessionHub.Group(roomId)).Presence(new PresenceNotice(remaining, null, left));
        }
    }
}
