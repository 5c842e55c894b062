namespace Municipal.Contracts.Booking;

/// <summary>
/// A resident whose mail went missing asked for the links again: the appointment got a fresh join token (the
/// previous link stops working) and the mail with both links goes out once more. Carries the new token's hash.
/// </summary>
public sealed record AppointmentLinksReissued(
    Guid AppointmentId,
    string JoinTokenHash,
    DateTimeOffset JoinTokenExpiresAt,
    DateTimeOffset ReissuedAt);
