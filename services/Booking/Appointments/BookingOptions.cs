namespace Municipal.Booking.Appointments;

/// <summary>Tunable rules of booking and the queue (section <c>Booking</c>).</summary>
public sealed class BookingOptions
{
    /// <summary>Against hoarding: appointments one address may hold at once.</summary>
    public int MaxActivePerEmail { get; set; } = 3;

    /// <summary>
    /// How many days ahead a resident may book: no slot is listed, and none booked or moved to, after today (the
    /// department's) plus these days. Without it an appointment could be taken for 2036 (the probe did), a year the
    /// city's hours, staff and concerns will not stay as they are.
    /// </summary>
    public int HorizonDays { get; set; } = 180;

    /// <summary>Bookings that compete for clerks' time at once (see <see cref="BookingGate"/>).</summary>
    public int MaxConcurrentBookings { get; set; } = 24;

    /// <summary>How long a booking waits for its turn before the resident is asked to try again (503).</summary>
    public TimeSpan BookingQueueTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long before an appointment the reminder leaves; a booking made later gets none.</summary>
    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A called ticket whose resident has not entered the room within this time is missed.</summary>
    public TimeSpan MissedAfter { get; set; } = TimeSpan.FromMinutes(3);

    public TimeSpan MissedPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long before and after its start an appointment counts as "due now" for take-next.</summary>
    public TimeSpan DueEarly { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan DueLate { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a clerk counts as at the counter after their staff page last asked for their queue (every 15 s, the queue
    /// page every 3 s). 90 s rather than 60: a browser wakes a tab left in the background for five minutes once a minute,
    /// and its clerk would flicker in and out of the residents' "nobody is at the counter" at every wake-up.
    /// </summary>
    public TimeSpan AtCounterWindow { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Days after an appointment's end its resident's name and address are cleared (sessions keeps rooms as long).</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Days after a cancellation the appointment's name and address are cleared.</summary>
    public int CancelledRetentionDays { get; set; } = 7;

    /// <summary>Days after a walk-in ticket finished (served, missed, left) its name and address are cleared.</summary>
    public int TicketRetentionDays { get; set; } = 1;

    public TimeSpan RetentionPollInterval { get; set; } = TimeSpan.FromHours(1);
}
