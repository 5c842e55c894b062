using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Security;

namespace Municipal.ServiceDefaults.Sessions;

/// <summary>
/// The one client for the sessions service's room look-ups (<see cref="RoomView"/>), forwarding the caller's own
/// credentials so sessions applies its own rules. A refusal is returned as such; an outage (5xx, no answer, a
/// timeout) throws <see cref="HttpRequestException"/> or <see cref="TaskCanceledException"/>, and each caller
/// answers it as an outage (503 or a retried message), never as "no room".
/// </summary>
public sealed class SessionsClient(HttpClient http)
{
    /// <summary>The named client (the AppHost's resource name); tests give it a stand-in handler.</summary>
    public const string Name = "sessions";


    /// <summary>
    /// The room a resident's token opens, whatever its status (<see cref="RoomView.IsOpen"/> tells whether it may
    /// still write); null when the token opens none (unknown, expired, refused).
    /// </summary>
    public async Task<RoomView?> CurrentAsync(string residentToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions/rooms/current");
        request.Headers.Add(CapabilityToken.Header, residentToken);
        var lookup = await SendAsync(request, ct);
        return lookup.Room;
    }

    /// <summary>A room as the caller whose internal token is in <paramref name="authorization"/> may see it.</summary>
    public async Task<RoomLookup> ForStaffAsync(Guid roomId, string? authorization, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/rooms/{roomId}");
        if (AuthenticationHeaderValue.TryParse(authorization, out var header)) request.Headers.Authorization = header;
        return await SendAsync(request, ct);
    }

    private async Task<RoomLookup> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                return new RoomLookup(RoomLookupResult.NotFound, null);
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                return new RoomLookup(RoomLookupResult.Refused, null);
            case var status when !response.IsSuccessStatusCode:
                throw new HttpRequestException($"sessions answered {(int)status} for {request.RequestUri}.", null, status);
        }
        var room = await response.Content.ReadFromJsonAsync<RoomView>(ct)
            ?? throw new HttpRequestException($"sessions answered an empty body for {request.RequestUri}.");
        return new RoomLookup(RoomLookupResult.Found, room);
    }
}
