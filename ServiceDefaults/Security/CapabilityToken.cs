using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Municipal.ServiceDefaults.Security;

/// <summary>
/// Residents have no accounts: a link they receive carries a 256-bit random token. Only its SHA-256 hash
/// is stored (and sent between services), so a database leak does not hand out access.
/// </summary>
public static class CapabilityToken
{
    /// <summary>The header a page sends the resident's token in (never the URL, which ends up in logs and history).</summary>
    public const string Header = "X-Resident-Token";

    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token is 43 base64url characters; anything else is rejected before it touches the database.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
