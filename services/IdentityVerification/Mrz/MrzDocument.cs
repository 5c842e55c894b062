namespace Municipal.IdentityVerification.Mrz;

/// <summary>Every field of a parsed MRZ and the result of each check. Dates are null when the zone does not hold a real date.</summary>
public sealed record MrzDocument(
    MrzFormat Format,
    string DocumentCode,
    string DocumentType,
    string IssuingState,
    string DocumentNumber,
    string Surname,
    string GivenNames,
    bool NameTruncated,
    string Nationality,
    DateOnly? BirthDate,
    string Sex,
    DateOnly? ExpiryDate,
    string OptionalData,
    string? OptionalData2,
    IReadOnlyList<MrzCheck> Checks,
    IReadOnlyList<MrzFinding> Findings,
    bool Expired)
{
    /// <summary>The findings as English sentences, for logs and API clients that show text as it comes.</summary>
    public IReadOnlyList<string> Problems => Findings.Select(f => f.Text).ToList();

    /// <summary>All check digits hold, both dates are real and the document has not expired.</summary>
    public bool Valid => Checks.All(c => c.Valid) && Findings.Count == 0 && !Expired;
}

/// <summary>
/// Something in the zone that no check digit covers (an unknown state, a date that does not exist). <see cref="Code"/>
/// and the <see cref="Field"/> and <see cref="Value"/> it names let the clerk's page say it in the clerk's language;
/// <see cref="Text"/> says it in English.
/// </summary>
public sealed record MrzFinding(string Code, string? Field, string? Value, string Text);
