namespace Municipal.IdentityVerification.Apis;

/// <summary>
/// The identity of one consultation as the caller may see it: the latest decision among its checks (a rejected check
/// may be followed by a verified one), else "open" if a check was started, else "none" — by whom and when, for the
/// dossier — and the checks themselves, newest first, for the clerk's consultation page.
/// </summary>
public sealed record ConsultationIdentity(string Status, DateTimeOffset? DecidedAt, string? DecidedBy, IReadOnlyList<VerificationOutcome> Checks)
{
    public static ConsultationIdentity Of(IReadOnlyList<VerificationOutcome> checks)
    {
        if (checks.Count == 0) return new("none", null, null, checks);
        var decided = checks.Where(v => v.Status != "open").OrderByDescending(v => v.DecidedAt).FirstOrDefault();
        return decided is null
            ? new("open", null, null, checks)
            : new(decided.Status, decided.DecidedAt, decided.DecidedByName, checks);
    }
}
