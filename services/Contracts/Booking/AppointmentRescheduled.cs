namespace Municipal.Contracts.Booking;

public sealed record AppointmentRescheduled(
    Guid AppointmentId,
    string ConcernKey,
    string DepartmentKey,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Sequence,
    DateTimeOffset JoinTokenExpiresAt,
    DateTimeOffset RescheduledAt);
