using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <param name="Start">The new time with its offset from UTC (<see cref="RequestedTime"/>).</param>
public sealed record RebookAppointmentRequest(string? Start)
{
    /// <summary>The time asked for, once <see cref="Validate"/> found no fault with it.</summary>
    public DateTimeOffset? StartAt => RequestedTime.Parse(Start);

    /// <summary>The refused fields, each with its reason; empty when the new time can be tried against the calendar.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Start is null) errors["start"] = new Reason("new-time-required", "Choose a new time.");
        else if (RequestedTime.Problem(Start) is { } start) errors["start"] = start;
        return errors;
    }
}
