namespace Municipal.SessionSignaling.Model;

public static class RoomStatus
{
    /// <summary>Created from the booking event; the resident may already be inside, no clerk yet.</summary>
    public const string Waiting = "waiting";
    public const string Active = "active";
    public const string Ended = "ended";
    public const string Cancelled = "cancelled";
}
