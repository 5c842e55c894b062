using Microsoft.AspNetCore.SignalR;
using Municipal.SessionSignaling.Hubs;

namespace Municipal.SessionSignaling.Rooms;

/// <summary>
/// Tells a room's live connections what happened through REST or a consumer (ended, transferred, cancelled) and
/// revokes the connections that may no longer be in it. Works across instances: the Redis backplane carries the
/// messages and group changes, the presence hash says which connections there are.
/// </summary>
public sealed class RoomNotifier(IHubContext<SessionHub, ISessionClient> hub, RoomPresence presence, ILogger<RoomNotifier> logger)
{
    /// <summary>Tells everyone in the room, on whichever instance, that a clerk took it.</summary>
    public Task AcceptedAsync(Guid roomId, Sender clerk) =>
        hub.Clients.Group(SessionHub.Group(roomId)).Accepted(new RoomAccepted(clerk));

    /// <summary>Tells the room (the clerk waiting in it) that the called resident did not come in time.</summary>
    public Task ResidentMissedAsync(Guid roomId, System.Text.Json.JsonElement payload) =>
        hub.Clients.Group(SessionHub.Group(roomId)).RoomEvent(new RoomEventMessage("resident.missed", payload, new Sender("system", "")));

    /// <summary>
    /// Tells the room that <paramref name="by"/> handed the consultation on (to <paramref name="toDepartmentKey"/>
    /// where it changes department) and that a colleague comes: the resident's page says so rather than that the clerk
    /// left, and keeps saying so until the colleague has come. Sent before the clerk is let out.
    /// </summary>
    public Task HandedOnAsync(Guid roomId, Sender by, string? toDepartmentKey)
    {
        var payload = System.Text.Json.JsonSerializer.SerializeToElement(new { by = by.Name, toDepartmentKey }, System.Text.Json.JsonSerializerOptions.Web);
        return hub.Clients.Group(SessionHub.Group(roomId)).RoomEvent(new RoomEventMessage(HandedOn, payload, new Sender("system", "")));
    }

    /// <summary>The room event of a hand-on; only sessions sends it.</summary>
    public const string HandedOn = "room.handed-on";

    /// <summary>The room's call ended without its side's page (the clerk let go of the room): the resident's page stops waiting for it.</summary>
    public Task CallEndedAsync(Guid roomId, Sender by) =>
        hub.Clients.Group(SessionHub.Group(roomId)).ModeChanged(new ModeNotice(Model.RoomModes.Write, by));

    /// <summary>The room's call ended because a side of it did not come back in time (<see cref="Jobs.AbandonedCallJob"/>).</summary>
    public Task CallAbandonedAsync(Guid roomId) =>
        hub.Clients.Group(SessionHub.Group(roomId)).ModeChanged(new ModeNotice(Model.RoomModes.Write, new Sender("system", ""), "away"));

    /// <summary>
    /// Lets the participants <paramref name="who"/> names out of the room and tells those who stay. A clerk let go
    /// (<paramref name="released"/>: transferred) whose page was not in the room is told as leaving all the same: the
    /// resident's page names whoever accepted the room until they come in or leave.
    /// </summary>
    public async Task CloseForAsync(Guid roomId, RoomClosed closed, Func<Participant, bool> who, Sender? released = null)
    {
        var group = SessionHub.Group(roomId);
        var (removed, remaining) = await presence.RemoveWhereAsync(roomId, who);
        if (remaining is null)
        {
            if (released is not null) await hub.Clients.Group(group).Presence(new PresenceNotice(await presence.TouchAsync(roomId), null, released));
            return;
        }
        var connections = removed.Select(e => e.ConnectionId).ToList();
        await hub.Clients.Clients(connections).Closed(closed);
        if (remaining.Entries.Count > 0)
        {
            // Those who stay see who was let out (a transferred clerk), as when someone leaves by closing the page; where
            // a clerk was released, that clerk (a supervisor taking over lets her own supervising page out unsaid).
            var gone = removed.Select(e => e.Participant.AsSender).Except(remaining.Participants).ToList();
            var left = released is not null && gone.Contains(released) ? released : gone.FirstOrDefault();
            await hub.Clients.GroupExcept(group, connections).Presence(new PresenceNotice(remaining, null, left));
        }
        // Not awaited by the caller: for a connection held by another instance the backplane waits for that instance's
        // acknowledgement, which never comes when the connection has meanwhile closed (a closed browser, a crashed
        // instance) — the clerk's "end" would hang for the backplane's 30 s. A revoked connection can no longer send
        // into the room anyway (presence is checked on every call).
        _ = Task.WhenAll(connections.Select(async connectionId =>
        {
            try
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, group);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Connection {ConnectionId} was not removed from room {RoomId}; it is gone", connectionId, roomId);
            }
        }));
    }
}
