using System.Security.Cryptography;
using System.Text;

namespace Municipal.Booking.Mail;

/// <summary>
/// Seals a resident's link tokens while they wait in <see cref="Model.PendingMail"/> for their mail — a reminder
/// waits until shortly before the appointment. AES-256-GCM under a key derived (HKDF) from <c>Auth:InternalKey</c>,
/// which lives outside the database, and bound to the appointment and the mail's kind: a copy of the database
/// alone opens no one's consultation, and a sealed token moved to another row does not open.
/// </summary>
public sealed class LinkSeal
{
    /// <summary>What every sealed value begins with (plain tokens are base64url and never contain a dot).</summary>
    public const string Prefix = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key;

    public LinkSeal(IConfiguration configuration)
    {
        var secret = configuration["Auth:InternalKey"];
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < 32)
            throw new InvalidOperationException("Auth:InternalKey must be set to a secret of at least 32 characters.");
        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: "municipal/booking/pending-mail-links"u8.ToArray());
    }

    public string Seal(string token, Guid appointmentId, string kind)
    {
        var plain = Encoding.UTF8.GetBytes(token);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Context(appointmentId, kind));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The token, or null where the value was not sealed by this key for this appointment and kind.</summary>
    public string? Open(string sealedToken, Guid appointmentId, string kind)
    {
        if (!sealedToken.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        byte[] bytes;
        try { bytes = Convert.FromBase64String(sealedToken[Prefix.Length..]); }
        catch (FormatException) { return null; }
        if (bytes.Length < NonceSize + TagSize) return null;
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), plain, Context(appointmentId, kind));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Context(Guid appointmentId, string kind) => [.. appointmentId.ToByteArray(), .. Encoding.UTF8.GetBytes(kind)];
}
