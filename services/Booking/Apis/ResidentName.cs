using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.Booking.Apis;

/// <summary>The name a resident gives when booking or joining the queue: the same rule for both, so one place.</summary>
internal static class ResidentName
{
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="trimmed"/> is refused, or null if it is a name.</summary>
    public static Reason? Problem(string trimmed) =>
        trimmed.Length is 0 or > MaxLength
            ? new Reason("name-length", $"Enter your name (at most {MaxLength} characters).").With("max", MaxLength)
            : InputText.PersonNameProblem(trimmed);
}
