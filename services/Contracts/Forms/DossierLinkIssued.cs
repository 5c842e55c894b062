namespace Municipal.Contracts.Forms;

/// <summary>
/// A status link for a dossier was issued (at submission, and with every status mail). Carries the hash of the link's
/// token, never the token, so document intake can accept uploads with it without asking forms. The dossier's
/// consultation (<see cref="SessionId"/>), when it was filled in one, comes along for the documents handed in.
/// </summary>
public sealed record DossierLinkIssued(
    Guid DossierId,
    string TokenHash,
    string DepartmentKey,
    string ConcernKey,
    Guid? SessionId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IssuedAt);
