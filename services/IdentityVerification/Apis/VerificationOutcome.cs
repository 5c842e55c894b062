using Municipal.IdentityVerification.Model;

namespace Municipal.IdentityVerification.Apis;

/// <summary>
/// A verification's result as a colleague taking the consultation over sees it: decided or not, by whom and when, and
/// no more of the document than the deciding clerk's panel showed after the decision (its kind and issuing state).
/// </summary>
public sealed record VerificationOutcome(
    Guid Id, string Status, string DepartmentKey, string? DocumentType, string? IssuingState, string? Reason,
    string? DecidedByName, DateTimeOffset? DecidedAt, DateTimeOffset CreatedAt)
{
    public static VerificationOutcome From(Verification v) => new(
        v.Id, v.Status.ToString().ToLowerInvariant(), v.DepartmentKey, v.DocumentType, v.IssuingState, v.Reason, v.DecidedByName, v.DecidedAt, v.CreatedAt);
}
