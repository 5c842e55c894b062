namespace Municipal.Contracts.Sessions;

/// <summary>The resident entered the consultation room (first time). Booking uses it to tell a called ticket from a missed one.</summary>
public sealed record ResidentJoined(Guid SessionId, Guid? AppointmentId, Guid? TicketId, DateTimeOffset JoinedAt);
