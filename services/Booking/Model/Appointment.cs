namespace Municipal.Booking.Model;

public sealed class Appointment
{
    public Guid Id { get; init; }
    public required string ConcernKey { get; init; }
    public required string DepartmentKey { get; init; }
    /// <summary>The clerk whose time the appointment holds; the exclusion constraint keeps it from overlapping.</summary>
    public Guid StaffId { get; set; }
    public DateTimeOffset StartAt { get; set; }
    public DateTimeOffset EndAt { get; set; }
    /// <summary>End plus the concern's buffer: the clerk is not bookable again before this.</summary>
    public DateTimeOffset BlockedUntil { get; set; }
    public required string CitizenName { get; init; }
    public required string Email { get; init; }
    public required string Language { get; init; }
    public string Status { get; set; } = AppointmentStatus.Booked;
    /// <summary>The ICS SEQUENCE: rises with every change so calendars replace the entry.</summary>
    public int Sequence { get; set; }
    public required string JoinTokenHash { get; set; }
    public DateTimeOffset JoinTokenExpiresAt { get; set; }
    public DateTimeOffset BookedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? ReminderDueAt { get; set; }
    public DateTimeOffset? CalledAt { get; set; }
    public Guid? CalledBy { get; set; }
    public DateTimeOffset? JoinedAt { get; set; }
    /// <summary>When a clerk first took the consultation (sessions' SessionStarted); it runs until booking learns it ended.</summary>
    public DateTimeOffset? ConsultationStartedAt { get; set; }
    /// <summary>When the appointment was found over without the resident having entered the room.</summary>
    public DateTimeOffset? NoShowAt { get; set; }
    /// <summary>When the resident's name and address were cleared (<see cref="Jobs.ResidentDataRetentionJob"/>).</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    /// <summary>Cancelled now (by the resident or a day the city closed): the calendar entry is replaced, no reminder goes.</summary>
    public void Cancel(DateTimeOffset now)
    {
        Status = AppointmentStatus.Cancelled;
        CancelledAt = now;
        Sequence++;
        ReminderDueAt = null;
    }
}

public static class AppointmentStatus
{
    public const string Booked = "booked";
    public const string Cancelled = "cancelled";
}
