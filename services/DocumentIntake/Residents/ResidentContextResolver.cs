using System.Net;
using System.Text.Json;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Sessions;
using Municipal.ServiceDefaults.Security;

namespace Municipal.DocumentIntake.Residents;

/// <summary>
/// Resolves an <c>X-Resident-Token</c> by asking the services that issued it, forwarding the header: first the
/// sessions service (<c>GET /api/sessions/rooms/current</c>, for a room, booking or ticket link), then forms
/// (<c>GET /api/forms/dossiers/mine</c>, for a dossier link). Only the issuing service can judge its own token.
/// </summary>
public sealed class ResidentContextResolver(SessionsClient sessions, IHttpClientFactory clients, ILogger<ResidentContextResolver> logger)
{
    public const string FormsClient = "forms";

    /// <summary>The context, or null when neither service knows the token. Throws when a service cannot answer.</summary>
    public async Task<ResidentContext?> ResolveAsync(string token, CancellationToken ct)
    {
        RoomView? room;
        try
        {
            room = await sessions.CurrentAsync(token, ct);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is not null)
        {
            logger.LogWarning("{Client} answered {Status} when resolving a resident token", SessionsClient.Name, (int)ex.StatusCode);
            throw;
        }
        if (room is not null) return new ResidentContext("session", room.Id, null, room.DepartmentKey, room.ConcernKey, Closed: !room.IsOpen);
        var dossier = await AskAsync(FormsClient, "/api/forms/dossiers/mine", token, ct);
        if (dossier is { } d)
        {
            var id = Guid(d, "dossierId") ?? Guid(d, "id");
            return new ResidentContext("dossier", Guid(d, "sessionId"), id, Text(d, "departmentKey"), Text(d, "concernKey"));
        }
        return null;
    }

    private async Task<JsonElement?> AskAsync(string client, string path, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(CapabilityToken.Header, token);
        using var response = await clients.CreateClient(client).SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Gone)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("{Client} answered {Status} when resolving a resident token", client, (int)response.StatusCode);
            throw new HttpRequestException($"{client} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return json.ValueKind == JsonValueKind.Object ? json : null;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Guid? Guid(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetGuid(out var g) ? g : null;
}
