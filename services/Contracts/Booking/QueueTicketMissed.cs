namespace Municipal.Contracts.Booking;

public sealed record QueueTicketMissed(Guid TicketId, string ConcernKey, string DepartmentKey, DateTimeOffset MissedAt);
