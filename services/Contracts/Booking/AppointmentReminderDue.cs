namespace Municipal.Contracts.Booking;

/// <summary>Booking's reminder job found an appointment whose reminder is due; its mail consumer sends it.</summary>
public sealed record AppointmentReminderDue(Guid AppointmentId, DateTimeOffset Start, DateTimeOffset DueAt);
