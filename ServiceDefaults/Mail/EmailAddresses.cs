using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Municipal.ServiceDefaults.Mail;

/// <summary>
/// The one check of a resident's or a mailbox's address, used by every service that takes one. A resident's join
/// and manage links exist only in the mail, so an address that cannot be delivered (<c>anna@example</c>, a domain
/// without an ending) is refused at the door instead of failing silently at the mail server.
/// </summary>
public static partial class EmailAddresses
{
    public const int MaxLength = 254;

    /// <summary>True for a plain address (no display name) whose domain has dot-separated labels and an alphabetic ending.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength }
        && Shape().IsMatch(value)
        && MailAddress.TryCreate(value, out var parsed)
        && parsed.Address == value;

    /// <summary>The address as entered without surrounding spaces, or null when it is missing or not valid.</summary>
    public static string? Normalize(string? value)
    {
        var trimmed = value?.Trim();
        return IsValid(trimmed) ? trimmed : null;
    }

    // Local part up to 64 characters; each domain label 1–63 letters, digits or inner hyphens; the ending alphabetic
    // (or an IDN "xn--" ending). shared/rules.js holds the same pattern for the browser.
    [GeneratedRegex(@"^[^@\s]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")]
    private static partial Regex Shape();
}
