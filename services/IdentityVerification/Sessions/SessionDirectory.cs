using Municipal.ServiceDefaults.Sessions;

namespace Municipal.IdentityVerification.Sessions;

/// <summary>
/// Reads rooms from the sessions service through <see cref="SessionRooms"/>. A slow, failing or missing sessions
/// service yields null within a few seconds instead of holding up the clerk.
/// </summary>
public sealed class SessionDirectory(SessionRooms rooms, IConfiguration configuration, ILogger<SessionDirectory> logger) : ISessionDirectory
{
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(configuration.GetValue("Identity:SessionsTimeoutSeconds", 5));

    public Task<RoomInfo?> FindRoomAsync(Guid sessionId, string? authorization, CancellationToken cancellationToken) =>
        AskAsync((rooms, ct) => rooms.ForStaffAsync(sessionId, authorization, ct), cancellationToken);

    public Task<RoomInfo?> FindResidentRoomAsync(string residentToken, CancellationToken cancellationToken) =>
        AskAsync((rooms, ct) => rooms.CurrentAsync(residentToken, ct), cancellationToken);

    private async Task<RoomInfo?> AskAsync(Func<SessionRooms, CancellationToken, Task<SessionRoom?>> ask, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await ask(rooms, limit.Token) is { } room
                ? new RoomInfo(room.Id, room.DepartmentKey, room.ConcernKey, room.CitizenName, room.CitizenBirthDate)
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Sessions did not describe the room.");
            return null;
        }
    }
}
