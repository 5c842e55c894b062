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
    /// The room of a resident's token whose time is over, if the room has ended or was cancelled: the room page then
    /// says so at once, instead of waiting half a minute for a room that is still being made and then calling the link
    /// invalid (the phone probe). Only the token's holder learns it; an open room's expired token stays unknown.
    /// </summary>
    public async Task<Room?> FindEndedByResidentTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!CapabilityToken.LooksValid(token)) return null;
        var hash = CapabilityToken.Hash(token!);
        return await db.Rooms.AsNoTracking()
            .FirstOrDefaultAsync(r => r.TokenHash == hash && r.Status != RoomStatus.Waiting && r.Status != RoomStatus.Active, cancellationToken);
    }

    /// <summary>Whether the token is a room link a newer one replaced (the appointment moved, its links sent again).</summary>
    public async Task<bool> IsReplacedResidentTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!CapabilityToken.LooksValid(token)) return false;
        var hash = CapabilityToken.Hash(token!);
        var now = clock.GetUtcNow();
        return await db.ReplacedRoomTokens.AnyAsync(t => t.TokenHash == hash && t.ExpiresAt > now, cancellationToken);
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
