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
    IReadOnlyList<string> Problems,
    bool Expired)
{
    /// <summary>All check digits hold, both dates are real and the document has not expired.</summary>
    public bool Valid => Checks.All(c => c.Valid) && Problems.Count == 0 && !Expired;
}
