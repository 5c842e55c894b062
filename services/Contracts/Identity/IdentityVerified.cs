namespace Municipal.Contracts.Identity;

/// <summary>
/// A clerk verified a resident's identity. Names and birth date travel once so a form can be
/// pre-filled; identity-verification itself keeps only the minimum (see its README section).
/// <see cref="DepartmentKey"/> is the department the sessions service confirmed for the room when the check
/// opened (added later, hence last and optional): forms ignore a verification whose department is not the room's.
/// <see cref="Nationality"/> is the document's nationality as an ISO 3166-1 alpha-3 code (the MRZ's "D" written
/// "DEU"), null when the MRZ names none that ISO knows; nothing else of the document (its number, sex, optional data)
/// travels.
/// </summary>
public sealed record IdentityVerified(
    Guid VerificationId,
    Guid SessionId,
    string DocumentType,
    string IssuingState,
    DateOnly DocumentExpiry,
    string Surname,
    string GivenNames,
    DateOnly BirthDate,
    Guid ClerkId,
    DateTimeOffset VerifiedAt,
    string? DepartmentKey = null,
    string? Nationality = null);
