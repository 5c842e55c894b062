using Municipal.ServiceDefaults.Mail;
using System.Text.RegularExpressions;

namespace Municipal.IdentityVerification.Tans;

/// <summary>Normalises and masks where a code goes: an e-mail address or an international phone number.</summary>
public static partial class TanRecipient
{
    public static string? Normalize(string channel, string? recipient)
    {
        var value = recipient?.Trim() ?? "";
        if (channel == TanChannel.Email)
        {
            return EmailAddresses.IsValid(value) ? value.ToLowerInvariant() : null;
        }
        var phone = PhoneSeparators().Replace(value, "");
        if (phone.StartsWith("00", StringComparison.Ordinal)) phone = "+" + phone[2..];
        return InternationalPhone().IsMatch(phone) ? phone : null;
    }

    /// <summary>Enough for the resident to recognise the address, not enough to learn it.</summary>
    public static string Mask(string channel, string recipient)
    {
        if (channel == TanChannel.Email)
        {
            var at = recipient.IndexOf('@');
            return recipient[0] + "***" + recipient[at..];
        }
        return recipient[..3] + new string('*', recipient.Length - 5) + recipient[^2..];
    }

    [GeneratedRegex(@"[\s\-\(\)/\.]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex InternationalPhone();
}
