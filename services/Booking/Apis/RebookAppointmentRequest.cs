using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

public sealed record RebookAppointmentRequest(DateTimeOffset? Start)
{
    /// <summary>The refused fields, each with its reason; empty when the new time can be tried against the calendar.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Start is null) errors["start"] = new Reason("new-time-required", "Choose a new time.");
        return errors;
    }
}
