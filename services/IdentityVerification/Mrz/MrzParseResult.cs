namespace Municipal.IdentityVerification.Mrz;

/// <summary>Either the parsed document or why the text is not an MRZ at all (wrong line count, length or characters).</summary>
public sealed record MrzParseResult(MrzDocument? Document, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Document is not null;
}
