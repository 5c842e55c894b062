using Municipal.Contracts.Sessions;

namespace Municipal.ServiceDefaults.Sessions;

/// <summary>The answer to a room look-up on behalf of staff or a service; <see cref="Room"/> only when found.</summary>
public sealed record RoomLookup(RoomLookupResult Result, RoomView? Room);
