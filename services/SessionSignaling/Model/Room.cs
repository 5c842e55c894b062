namespace Municipal.SessionSignaling.Model;

/// <summary>A consultation room bound to one appointment or queue ticket.</summary>
public sealed class Room
{
    public Guid Id { get; init; }
    public Guid? AppointmentId { get; init; }
    public Guid? TicketId { get; init; }
    public required string ConcernKey { get; set; }
    public required string DepartmentKey { get; set; }
    public required string CitizenName { get; set; }
    public string? Email { get; set; }
    public required string Language { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ScheduledStart { get; set; }

    /// <summary>The appointment's sequence as of the last move applied (0: as booked).</summary>
    public int AppointmentSequence { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = RoomStatus.Waiting;
    public Guid? StaffId { get; set; }
    public string? StaffName { get; set; }

    /// <summary>Set by a transfer to a named colleague: only they may accept the room next.</summary>
    public Guid? TransferToStaffId { get; set; }

    /// <summary>The clerk who last handed the room on (a transfer); it ends in their name if nobody takes it again.</summary>
    public Guid? HandedOnBy { get; set; }
    public DateTimeOffset? FirstAcceptedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? ResidentJoinedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string Mode { get; set; } = RoomModes.Write;
    public string Channel { get; set; } = RoomModes.ChatChannel;
    public int? FeedbackScore { get; set; }
    public string? FeedbackComment { get; set; }
    public DateTimeOffset? FeedbackAt { get; set; }

    /// <summary>Postgres' xmin: two clerks accepting the same ticket at once cannot both win.</summary>
    public uint Version { get; set; }

    public bool IsOpen => Status is RoomStatus.Waiting or RoomStatus.Active;

    /// <summary>Handed on by a clerk and waiting for the colleague who takes it.</summary>
    public bool IsHandedOn => Status == RoomStatus.Waiting && HandedOnBy is not null;

    /// <summary>
    /// Gives the room a new link (a move, the links sent again); the old one is remembered as replaced until it would
    /// have expired, so that it is refused as such (<see cref="ReplacedRoomToken"/>).
    /// </summary>
    public ReplacedRoomToken? ReplaceToken(string tokenHash, DateTimeOffset expiresAt)
    {
        var replaced = tokenHash != TokenHash && TokenHash.Length > 0 ? new ReplacedRoomToken { TokenHash = TokenHash, RoomId = Id, ExpiresAt = ExpiresAt } : null;
        TokenHash = tokenHash;
        ExpiresAt = expiresAt;
        return replaced;
    }

    /// <summary>
    /// The clerk holding the room lets it go (a transfer, their account changed): the room waits for the next clerk,
    /// and a call with the one who let go is over (a page coming back resumes a running call, never one with someone else).
    /// </summary>
    /// <returns>Whether a call was running.</returns>
    public bool Release()
    {
        var inCall = Mode != RoomModes.Write;
        Status = RoomStatus.Waiting;
        StaffId = null;
        StaffName = null;
        AcceptedAt = null;
        Mode = RoomModes.Write;
        return inCall;
    }

    /// <summary>Records a mode and keeps the richest channel used, which SessionEnded reports.</summary>
    public void UseMode(string mode)
    {
        Mode = mode;
        var channel = RoomModes.ChannelOf(mode);
        if (RoomModes.Rank(channel) > RoomModes.Rank(Channel)) Channel = channel;
    }
}
