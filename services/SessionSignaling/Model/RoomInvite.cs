namespace Municipal.SessionSignaling.Model;

/// <summary>A second clerk or an interpreter admitted by the clerk's invitation (a capability token).</summary>
public sealed class RoomInvite
{
    public Guid Id { get; init; }
    public Guid RoomId { get; init; }
    public required string TokenHash { get; init; }
    public required string Role { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
