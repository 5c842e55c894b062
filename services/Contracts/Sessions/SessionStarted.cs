namespace Municipal.Contracts.Sessions;

public sealed record SessionStarted(
    Guid SessionId,
    Guid? AppointmentId,
    Guid? TicketId,
    string ConcernKey,
    string DepartmentKey,
    Guid StaffId,
    DateTimeOffset StartedAt);
