namespace Municipal.IdentityVerification.Retention;

/// <summary>
/// Which concerns must keep a still of the document (<c>Identity:StillRequiredConcerns</c>). For all others
/// the still is only read for the MRZ and discarded.
/// </summary>
public sealed class StillPolicy(IConfiguration configuration)
{
    public const long MaxBytes = 4 * 1024 * 1024;

    private readonly HashSet<string> concerns = configuration.GetSection("Identity:StillRequiredConcerns").Get<string[]>()?.ToHashSet(StringComparer.Ordinal) ?? [];

    public bool Requires(string? concernKey) => concernKey is not null && concerns.Contains(concernKey);

    /// <summary>JPEG or PNG by their magic bytes; the browser's canvas produces one of the two.</summary>
    public static string? ImageType(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;
}
