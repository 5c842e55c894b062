namespace Municipal.SessionSignaling.Model;

/// <summary>The hash of a room link a newer one replaced, until the old link would have expired (<c>replaced_room_tokens</c>).</summary>
public sealed class ReplacedRoomToken
{
    public required string TokenHash { get; init; }
    public Guid RoomId { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}
