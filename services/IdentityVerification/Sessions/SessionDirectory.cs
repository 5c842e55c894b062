using System.Net.Http.Headers;
using System.Text.Json;

namespace Municipal.IdentityVerification.Sessions;

/// <summary>
/// Reads rooms from the sessions service (<c>http://sessions</c>, resolved by service discovery). The answer
/// is read tolerantly (only the fields identity needs), and a slow or missing sessions service yields null
/// within a few seconds instead of holding up the clerk.
/// </summary>
public sealed class SessionDirectory(HttpClient http, IConfiguration configuration, ILogger<SessionDirectory> logger) : ISessionDirectory
{
    public const string ClientName = "sessions";
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(configuration.GetValue("Identity:SessionsTimeoutSeconds", 5));

    public Task<RoomInfo?> FindRoomAsync(Guid sessionId, string? authorization, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/rooms/{sessionId}");
        if (AuthenticationHeaderValue.TryParse(authorization, out var header))
        {
            request.Headers.Authorization = header;
        }
        return SendAsync(request, cancellationToken);
    }

    public Task<RoomInfo?> FindResidentRoomAsync(string residentToken, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions/rooms/current");
        request.Headers.Add("X-Resident-Token", residentToken);
        return SendAsync(request, cancellationToken);
    }

    private async Task<RoomInfo?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, limit.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(limit.Token), cancellationToken: limit.Token);
            return Read(json.RootElement);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Sessions did not describe the room ({Path}).", request.RequestUri);
            return null;
        }
        finally
        {
            request.Dispose();
        }
    }

    private static RoomInfo? Read(JsonElement room)
    {
        if (room.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var id = Guid(room, "sessionId") ?? Guid(room, "id");
        return id is null ? null : new RoomInfo(id.Value, Text(room, "departmentKey"), Text(room, "concernKey"), Text(room, "citizenName"),
            Text(room, "citizenBirthDate") is { } birth && DateOnly.TryParse(birth, out var date) ? date : null);
    }

    private static string? Text(JsonElement room, string name) =>
        room.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Guid? Guid(JsonElement room, string name) =>
        Text(room, name) is { } text && System.Guid.TryParse(text, out var id) ? id : null;
}
