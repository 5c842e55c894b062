namespace Municipal.IdentityVerification.Mrz;

/// <summary>Either the parsed document or why the text is not an MRZ at all (wrong line count, length or characters).</summary>
public sealed record MrzParseResult(MrzDocument? Document, IReadOnlyList<string> Errors)
{
    /// <summary>The structural faults with their reason codes (the pages translate them); <see cref="Errors"/> holds their English texts.</summary>
    public IReadOnlyList<Municipal.ServiceDefaults.Reason> Reasons { get; init; } = [];

    public bool Succeeded => Document is not null;
}
