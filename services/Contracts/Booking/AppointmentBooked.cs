namespace Municipal.Contracts.Booking;

/// <summary>
/// A resident booked an appointment. Carries the hash of the join token (never the token) so the
/// consultation room can admit its holder without reading booking's tables. The room sessions opens for it has the
/// appointment's id, so documents and identity, which learn residents' links from this event, know the room too.
/// </summary>
public sealed record AppointmentBooked(
    Guid AppointmentId,
    string ConcernKey,
    string DepartmentKey,
    DateTimeOffset Start,
    DateTimeOffset End,
    string CitizenName,
    string Email,
    string Language,
    string JoinTokenHash,
    DateTimeOffset JoinTokenExpiresAt,
    DateTimeOffset BookedAt);
