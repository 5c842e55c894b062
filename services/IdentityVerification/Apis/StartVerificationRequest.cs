using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Apis;

/// <summary>Only the room: its department, concern and booked name are the sessions service's to say.</summary>
public sealed record StartVerificationRequest(Guid SessionId)
{
    /// <summary>The refused field, with its reason; whether the room exists and is the caller's is the handler's to ask.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (SessionId == Guid.Empty) errors["sessionId"] = new Reason("session-required", "The consultation's session id is required.");
        return errors;
    }
}
