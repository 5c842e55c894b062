namespace Municipal.SessionSignaling.Hubs;

/// <summary>Who a hub connection is, once it joined a room. StaffId is set for the clerk who holds the room.</summary>
public sealed record Participant(Guid RoomId, string Role, string Name, Guid? StaffId)
{
    public Sender AsSender => new(Role, Name);
}

/// <summary>The "from" of everything relayed in a room.</summary>
public sealed record Sender(string Role, string Name);
