namespace Municipal.IdentityVerification.Sessions;

/// <summary>Asks the sessions service about rooms; an interface so tests can point it at a stand-in.</summary>
public interface ISessionDirectory
{
    /// <summary>The room as the clerk (whose Authorization header is forwarded) may see it; null if unknown or unreachable.</summary>
    Task<RoomInfo?> FindRoomAsync(Guid sessionId, string? authorization, CancellationToken cancellationToken);

    /// <summary>The room a resident's capability token belongs to; null if the token is not valid (or sessions is unreachable).</summary>
    Task<RoomInfo?> FindResidentRoomAsync(string residentToken, CancellationToken cancellationToken);
}
