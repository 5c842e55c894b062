using Microsoft.Extensions.Caching.Memory;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults.Sessions;

namespace Municipal.Form.Clients;

/// <summary>
/// The sessions service's answer for a resident's token, cached briefly (by the token's hash): each keystroke of
/// co-filling must not cost a second round trip. What creates something asks afresh, so a consultation that has
/// just ended opens no new form.
/// </summary>
public sealed class RoomDirectory(SessionsClient sessions, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<RoomView?> CurrentAsync(string residentToken, CancellationToken ct, bool fresh = false)
    {
        if (!CapabilityToken.LooksValid(residentToken)) return null;
        var key = "room:" + CapabilityToken.Hash(residentToken);
        if (!fresh && cache.TryGetValue(key, out RoomView? cached)) return cached;

        var room = await sessions.CurrentAsync(residentToken, ct);
        cache.Set(key, room, CacheFor);
        return room;
    }
}
