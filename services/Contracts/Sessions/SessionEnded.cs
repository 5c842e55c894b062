namespace Municipal.Contracts.Sessions;

/// <summary>A consultation ended. Channel is the richest mode used: "chat", "video" or "screen".</summary>
public sealed record SessionEnded(
    Guid SessionId,
    Guid? AppointmentId,
    Guid? TicketId,
    string ConcernKey,
    string DepartmentKey,
    Guid StaffId,
    string Channel,
    TimeSpan WaitingTime,
    TimeSpan HandlingTime,
    DateTimeOffset EndedAt);
