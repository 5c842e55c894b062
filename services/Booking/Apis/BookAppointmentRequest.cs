using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Booking.Apis;

/// <param name="Start">The time with its offset from UTC (<see cref="RequestedTime"/>); kept as text, so one without is refused, not guessed.</param>
public sealed record BookAppointmentRequest(string? ConcernKey, string? Start, string? Name, string? Email, string? Language)
{
    /// <summary>The time asked for, once <see cref="Validate"/> found no fault with it.</summary>
    public DateTimeOffset? StartAt => RequestedTime.Parse(Start);

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
        else if (RequestedTime.Problem(Start) is { } start) errors["start"] = start;
        if (ResidentName.Problem(TrimmedName) is { } name) errors["name"] = name;
        if (!EmailAddresses.IsValid(TrimmedEmail)) errors["email"] = Reasons.Email;
        if (Languages.Parse(Language) is null) errors["language"] = Reasons.Language;
        return errors;
    }
}
