using System.Text.RegularExpressions;
using Municipal.IdentityVerification.Tans;
using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Apis;

/// <summary>A code entered, with the hash of the content it is to sign.</summary>
public sealed partial record VerifyTanRequest(string? Code, string? ContentSha256)
{
    /// <summary>The content's hash as stored; null when it is not one.</summary>
    public string? Content => ContentHash.Normalize(ContentSha256);

    /// <summary>The code as compared.</summary>
    public string TrimmedCode => Code?.Trim() ?? "";

    /// <summary>The refused fields, each with its reason; whether the code is right is the handler's to find out.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Content is null) errors["contentSha256"] = new Reason("content-hash", "The SHA-256 of the signed content, as 64 hexadecimal characters.");
        if (Code is null || !SixDigits().IsMatch(TrimmedCode)) errors["code"] = new Reason("six-digits", "The code has six digits.");
        return errors;
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}
