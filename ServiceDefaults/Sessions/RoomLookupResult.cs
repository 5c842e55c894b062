namespace Municipal.ServiceDefaults.Sessions;

/// <summary>How the sessions service answered a staff member's or a service's question about a room.</summary>
public enum RoomLookupResult
{
    Found,

    /// <summary>404: sessions does not know the room.</summary>
    NotFound,

    /// <summary>401 or 403: the room exists but the caller may not act on it; a refusal stays a refusal.</summary>
    Refused,
}
