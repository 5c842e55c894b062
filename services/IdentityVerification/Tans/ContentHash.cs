namespace Municipal.IdentityVerification.Tans;

/// <summary>The SHA-256 a code is bound to, as the requests send it: 64 hexadecimal characters, kept in lower case.</summary>
public static class ContentHash
{
    /// <summary>The hash in lower case; null when it is not 64 hexadecimal characters.</summary>
    public static string? Normalize(string? value) =>
        value?.Trim().ToLowerInvariant() is { Length: 64 } hex && hex.All(char.IsAsciiHexDigitLower) ? hex : null;
}
