namespace Municipal.Contracts.Booking;

/// <summary>
/// A resident pressed "talk to us now". Carries the hash of the ticket token, never the token. The room sessions opens
/// for it has the ticket's id.
/// </summary>
public sealed record QueueTicketIssued(
    Guid TicketId,
    string ConcernKey,
    string DepartmentKey,
    string CitizenName,
    string? Email,
    string Language,
    string TicketTokenHash,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
