namespace Municipal.SessionSignaling.Model;

/// <summary>One chat line of a room's transcript; the id orders it.</summary>
public sealed class RoomMessage
{
    public long Id { get; init; }
    public Guid RoomId { get; init; }
    public required string SenderRole { get; init; }
    public required string SenderName { get; init; }
    public required string Text { get; init; }
    public string? ClientId { get; init; }
    public DateTimeOffset SentAt { get; init; }
}
