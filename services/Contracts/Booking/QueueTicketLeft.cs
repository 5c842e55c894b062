namespace Municipal.Contracts.Booking;

/// <summary>The resident left the queue before a clerk called them: the ticket's room will not take place.</summary>
public sealed record QueueTicketLeft(Guid TicketId, string ConcernKey, string DepartmentKey, DateTimeOffset LeftAt);
