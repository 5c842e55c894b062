using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Booking.Apis;

/// <summary>A resident asks for the links of their appointments again, sent to the address they booked with.</summary>
public sealed record ResendLinksRequest(string? Email)
{
    /// <summary>The address as appointments are looked up by it, or null if it is none.</summary>
    public string? NormalizedEmail => EmailAddresses.Normalize(Email);

    /// <summary>The refused fields, each with its reason.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (NormalizedEmail is null) errors["email"] = Reasons.Email;
        return errors;
    }
}
