namespace Municipal.Contracts.Identity;

/// <summary>
/// A clerk verified a resident's identity. Names and birth date travel once so a form can be
/// pre-filled; identity-verification itself keeps only the minimum (see its README section).
/// <see cref="DepartmentKey"/> is the department the sessions service confirmed for the room when the check
/// opened (added later, hence last and optional): forms ignore a verification whose department is not the room's.
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
    string? DepartmentKey = null);
