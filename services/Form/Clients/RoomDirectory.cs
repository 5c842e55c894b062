using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Form.Clients;

/// <summary>
/// Asks the sessions service (the "http://sessions" client) which room a resident's token opens, or about a room
/// for a clerk, forwarding the caller's own credentials so sessions applies its own rules. A resident's answer
/// is cached briefly (by the token's hash): each keystroke of co-filling must not cost a second round trip.
/// </summary>
public sealed class RoomDirectory(IHttpClientFactory http, IMemoryCache cache)
{
    public const string Client = "sessions";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<Room?> CurrentAsync(string residentToken, CancellationToken ct)
    {
        if (!CapabilityToken.LooksValid(residentToken)) return null;
        var key = "room:" + CapabilityToken.Hash(residentToken);
        if (cache.TryGetValue(key, out Room? cached)) return cached;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions/rooms/current");
        request.Headers.Add("X-Resident-Token", residentToken);
        var room = await SendAsync(request, ct);
        cache.Set(key, room, CacheFor);
        return room;
    }

    /// <summary>A room as a staff member sees it (their internal token forwarded); null if sessions does not know it or refuses.</summary>
    public async Task<Room?> ForStaffAsync(Guid roomId, string authorization, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/rooms/{roomId}");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await SendAsync(request, ct);
    }

    private async Task<Room?> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.CreateClient(Client).SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Gone) return null;
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
        return Parse(json.RootElement);
    }

    // Read by name and leniently: the room document belongs to sessions and may grow.
    internal static Room? Parse(JsonElement e)
    {
        var room = e.TryGetProperty("room", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : e;
        var id = Guid(room, "id") ?? Guid(room, "roomId") ?? Guid(room, "sessionId");
        return id is null ? null : new Room(id.Value, Text(room, "departmentKey"), Text(room, "concernKey"),
            Text(room, "citizenName"), Text(room, "email") ?? Text(room, "citizenEmail"), Text(room, "language"));
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Guid? Guid(JsonElement e, string name) =>
        Text(e, name) is { } s && System.Guid.TryParse(s, out var g) ? g : null;
}
