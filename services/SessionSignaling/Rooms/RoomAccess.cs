using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Security;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Rooms;

/// <summary>Resolves the capability tokens residents and invited guests hold to what they may enter.</summary>
public sealed class RoomAccess(SessionDb db, TimeProvider clock)
{

    /// <summary>The room of a resident's join or ticket token, while the token has not expired.</summary>
    public async Task<Room?> FindByResidentTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!CapabilityToken.LooksValid(token)) return null;
        var hash = CapabilityToken.Hash(token!);
        var now = clock.GetUtcNow();
        return await db.Rooms.FirstOrDefaultAsync(r => r.TokenHash == hash && r.ExpiresAt > now, cancellationToken);
    }

    /// <summary>
    /// The room a resident's token joins: its room while the token holds, and an ended or cancelled room whatever its
    /// time, so that the page says so at once instead of waiting half a minute for a room still being made and then
    /// calling the link invalid (the phone probe). Without a room: whether a newer link replaced this one (a move, the
    /// links sent again). One query where the token opens a room, as before; a second only where it does not.
    /// </summary>
    public async Task<(Room? Room, bool Replaced)> FindForJoinAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!CapabilityToken.LooksValid(token)) return (null, false);
        var hash = CapabilityToken.Hash(token!);
        var now = clock.GetUtcNow();
        var room = await db.Rooms.FirstOrDefaultAsync(r => r.TokenHash == hash
            && (r.ExpiresAt > now || (r.Status != RoomStatus.Waiting && r.Status != RoomStatus.Active)), cancellationToken);
        if (room is not null) return (room, false);
        return (null, await db.ReplacedRoomTokens.AnyAsync(t => t.TokenHash == hash && t.ExpiresAt > now, cancellationToken));
    }

    /// <summary>A valid invitation and its room.</summary>
    public async Task<(RoomInvite Invite, Room Room)?> FindByInviteTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!CapabilityToken.LooksValid(token)) return null;
        var hash = CapabilityToken.Hash(token!);
        var now = clock.GetUtcNow();
        var invite = await db.RoomInvites.FirstOrDefaultAsync(i => i.TokenHash == hash && i.ExpiresAt > now, cancellationToken);
        if (invite is null) return null;
        var room = await db.Rooms.FirstOrDefaultAsync(r => r.Id == invite.RoomId, cancellationToken);
        return room is null ? null : (invite, room);
    }
}
