using Microsoft.Extensions.Caching.Memory;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults.Sessions;

namespace Municipal.Form.Clients;

/// <summary>
/// Which room a resident's token opens, or a room as a clerk sees it, from the sessions service. A resident's
/// answer is cached briefly (by the token's hash): each keystroke of co-filling must not cost a second round trip.
/// </summary>
public sealed class RoomDirectory(SessionRooms sessions, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<SessionRoom?> CurrentAsync(string residentToken, CancellationToken ct)
    {
        if (!CapabilityToken.LooksValid(residentToken)) return null;
        var key = "room:" + CapabilityToken.Hash(residentToken);
        if (cache.TryGetValue(key, out SessionRoom? cached)) return cached;

        var room = await sessions.CurrentAsync(residentToken, ct);
        cache.Set(key, room, CacheFor);
        return room;
    }

    /// <summary>A room as a staff member sees it (their internal token forwarded); null if sessions does not know it or refuses.</summary>
    public Task<SessionRoom?> ForStaffAsync(Guid roomId, string authorization, CancellationToken ct) =>
        sessions.ForStaffAsync(roomId, authorization, ct);
}
