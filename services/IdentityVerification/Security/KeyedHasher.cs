using System.Security.Cryptography;
using System.Text;

namespace Municipal.IdentityVerification.Security;

/// <summary>
/// Keyed HMAC-SHA256 with <c>Identity:DocumentNumberKey</c>: the same document can be recognised again (e.g. a
/// rejected forgery presented twice) without the number itself being stored. The key also hashes TAN codes
/// and recipients, each under its own label so the hashes of one kind cannot be replayed as another.
/// </summary>
public sealed class KeyedHasher(IConfiguration configuration)
{
    private readonly byte[] key = Key(configuration);

    public string Hash(string label, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(label + ":" + value)));

    public string DocumentNumber(string issuingState, string documentNumber) => Hash("document", issuingState + "/" + documentNumber);

    private static byte[] Key(IConfiguration configuration)
    {
        var secret = configuration["Identity:DocumentNumberKey"];
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < 32)
        {
            throw new InvalidOperationException("Identity:DocumentNumberKey must be set to a secret of at least 32 characters.");
        }
        return Encoding.UTF8.GetBytes(secret);
    }
}
