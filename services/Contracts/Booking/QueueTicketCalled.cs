namespace Municipal.Contracts.Booking;

public sealed record QueueTicketCalled(Guid TicketId, string ConcernKey, string DepartmentKey, Guid StaffId, string StaffName, DateTimeOffset IssuedAt, DateTimeOffset CalledAt);
