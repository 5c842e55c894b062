namespace Municipal.Contracts.Booking;

/// <summary>
/// A resident moved an appointment. A moved appointment gets a fresh join token (the old link stops
/// working); its hash is in <see cref="JoinTokenHash"/> (added after the first version, hence last and optional).
/// </summary>
public sealed record AppointmentRescheduled(
    Guid AppointmentId,
    string ConcernKey,
    string DepartmentKey,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Sequence,
    DateTimeOffset JoinTokenExpiresAt,
    DateTimeOffset RescheduledAt,
    string? JoinTokenHash = null);
