using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Municipal.ServiceDefaults.Sessions;

/// <summary>
/// Asks the sessions service (<c>http://sessions</c>) about consultation rooms, forwarding the caller's own
/// credentials so sessions applies its own rules: the room a resident's token opens
/// (<c>GET /api/sessions/rooms/current</c>), or a room as a staff member may see it. Null when sessions does not
/// know the room or refuses (404, 401, 403, 410); any other failure throws, and each caller decides what an
/// outage means for it.
/// </summary>
public sealed class SessionRooms(IHttpClientFactory http)
{
    /// <summary>The named HttpClient (the AppHost's resource name); tests point it at a stand-in.</summary>
    public const string Client = "sessions";

    public Task<SessionRoom?> CurrentAsync(string residentToken, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions/rooms/current");
        request.Headers.Add("X-Resident-Token", residentToken);
        return SendAsync(request, ct);
    }

    public Task<SessionRoom?> ForStaffAsync(Guid roomId, string? authorization, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/rooms/{roomId}");
        if (AuthenticationHeaderValue.TryParse(authorization, out var header)) request.Headers.Authorization = header;
        return SendAsync(request, ct);
    }

    private async Task<SessionRoom?> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            using var response = await http.CreateClient(Client).SendAsync(request, ct);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Gone) return null;
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"sessions answered {(int)response.StatusCode} for {request.RequestUri}.", null, response.StatusCode);
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return Parse(json.RootElement);
        }
    }

    /// <summary>Reads the room by name and leniently: the document belongs to sessions and may grow.</summary>
    public static SessionRoom? Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        var room = e.TryGetProperty("room", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : e;
        var id = Guid(room, "id") ?? Guid(room, "roomId") ?? Guid(room, "sessionId");
        return id is null ? null : new SessionRoom(id.Value, Text(room, "departmentKey"), Text(room, "concernKey"), Text(room, "citizenName"),
            Text(room, "email") ?? Text(room, "citizenEmail"), Text(room, "language"),
            Text(room, "citizenBirthDate") is { } birth && DateOnly.TryParse(birth, out var date) ? date : null);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Guid? Guid(JsonElement e, string name) =>
        Text(e, name) is { } s && System.Guid.TryParse(s, out var g) ? g : null;
}
