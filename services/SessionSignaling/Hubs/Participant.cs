namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Who a hub connection is, once it joined a room. StaffId is set for the clerk who holds the room and for a supervisor
/// of the department who joined it (role "supervisor"). An invited guest
/// (<see cref="IsGuest"/>) reads the chat from <see cref="Since"/>, when they were invited, not what was said before.
/// <see cref="Device"/> is the id a resident's page keeps across its reloads (null: the connection is a device of its own).
/// </summary>
public sealed record Participant(Guid RoomId, string Role, string Name, Guid? StaffId, DateTimeOffset? Since = null, string? Device = null)
{
    public Sender AsSender => new(Role, Name);

    /// <summary>An invited colleague or interpreter: neither the resident, the clerk holding the room nor a supervisor.</summary>
    public bool IsGuest => Role != Model.ParticipantRoles.Resident && StaffId is null;
}

/// <summary>The "from" of everything relayed in a room.</summary>
public sealed record Sender(string Role, string Name);
