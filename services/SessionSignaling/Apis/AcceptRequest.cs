using Municipal.ServiceDefaults;

namespace Municipal.SessionSignaling.Apis;

/// <summary>A clerk takes a resident: by the ticket, the appointment or the room itself (exactly one of them).</summary>
public sealed record AcceptRequest(Guid? TicketId, Guid? AppointmentId, Guid? SessionId)
{
    /// <summary>The refused fields, each with its reason.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        var given = new[] { TicketId, AppointmentId, SessionId }.Count(v => v is not null);
        if (given != 1) errors["ticketId"] = new Reason("one-of-three", "Give exactly one of ticketId, appointmentId or sessionId.");
        return errors;
    }
}
