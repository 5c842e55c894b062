using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Booking.Apis;

public sealed record JoinQueueRequest(string? ConcernKey, string? Name, string? Email, string? Language)
{
    /// <summary>The name as it is stored.</summary>
    public string TrimmedName => Name?.Trim() ?? "";

    /// <summary>The address as it is stored; none when left empty (a ticket needs no address).</summary>
    public string? TrimmedEmail => string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();

    /// <summary>The refused fields, each with its reason; empty when the ticket can be tried against the calendar.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(ConcernKey)) errors["concernKey"] = new Reason("concern-required", "Choose a concern.");
        if (ResidentName.Problem(TrimmedName) is { } name) errors["name"] = name;
        if (TrimmedEmail is { } email && !EmailAddresses.IsValid(email)) errors["email"] = Reasons.EmailOrEmpty;
        if (Languages.Parse(Language) is null) errors["language"] = Reasons.Language;
        return errors;
    }
}
