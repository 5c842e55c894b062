using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Booking.Apis;

public sealed record BookAppointmentRequest(string? ConcernKey, DateTimeOffset? Start, string? Name, string? Email, string? Language)
{
    /// <summary>The name as it is stored.</summary>
    public string TrimmedName => Name?.Trim() ?? "";

    /// <summary>The address as it is stored.</summary>
    public string TrimmedEmail => Email?.Trim() ?? "";

    /// <summary>The refused fields, each with its reason; empty when the request can be tried against the calendar.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(ConcernKey)) errors["concernKey"] = new Reason("concern-required", "Choose a concern.");
        if (Start is null) errors["start"] = new Reason("time-required", "Choose a time.");
        if (ResidentName.Problem(TrimmedName) is { } name) errors["name"] = name;
        if (!EmailAddresses.IsValid(TrimmedEmail)) errors["email"] = Reasons.Email;
        if (Languages.Parse(Language) is null) errors["language"] = Reasons.Language;
        return errors;
    }
}
