using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <param name="Mailed">The link to the place went to the ticket's address too (at most one such mail per address in ten minutes).</param>
/// <param name="Attended">Whether a clerk who handles the concern is at the counter now (see <c>CounterPresence</c>).</param>
public sealed record TicketIssuedDto(Guid TicketId, string Token, string QueueUrl, string Status, long Position, int EstimatedWaitMinutes, bool Mailed, bool Attended);

/// <remarks>Name and address are the holder's own, so a missed call can be queued again with one press.</remarks>
/// <param name="Attended">While waiting: whether a clerk who handles the concern is at the counter now; null otherwise.</param>
public sealed record MyTicketDto(Guid Id, string ConcernKey, LocalizedText ConcernName, string Status, long? Position, int? EstimatedWaitMinutes, DateTimeOffset IssuedAt, DateTimeOffset? CalledAt,
    string CitizenName, string? Email, bool Mailed, bool? Attended);

/// <summary>Per active concern (by key), whether a clerk who handles it is at the counter now. Nothing of who or how many.</summary>
public sealed record AttendedDto(IReadOnlyDictionary<string, bool> Concerns);

public sealed record WaitingTicketDto(Guid Id, string ConcernKey, LocalizedText ConcernName, string CitizenName, string Language, DateTimeOffset IssuedAt, int WaitingSeconds);

public sealed record StaffQueueDto(IReadOnlyList<string> Skills, IReadOnlyList<WaitingTicketDto> Tickets, int AppointmentsDueNow);

/// <summary>What "take next" handed the clerk: a booked appointment due now or the longest-waiting ticket.</summary>
public sealed record NextDto(string Kind, Guid Id, string ConcernKey, string DepartmentKey, LocalizedText ConcernName, string CitizenName, string Language, DateTimeOffset Since, string RoomUrl);
