namespace Municipal.Booking.Model;

/// <summary>A consultation that ended, as the statistics keep it (from SessionEnded).</summary>
public sealed class Consultation
{
    public Guid SessionId { get; init; }
    public Guid? AppointmentId { get; init; }
    public Guid? TicketId { get; init; }
    public required string ConcernKey { get; init; }
    public required string DepartmentKey { get; init; }
    /// <summary>The richest mode used: chat, video or screen.</summary>
    public required string Channel { get; init; }
    public int WaitingSeconds { get; init; }
    public int HandlingSeconds { get; init; }
    public DateTimeOffset EndedAt { get; init; }
}
