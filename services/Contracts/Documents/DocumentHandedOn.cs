namespace Municipal.Contracts.Documents;

/// <summary>
/// A clerk handed a document on from one department's inbox to another's (it was routed or handed in to the wrong
/// one), saying why. The receiving department's central mailbox is told, as for a new document.
/// </summary>
public sealed record DocumentHandedOn(
    Guid DocumentId,
    string FromDepartmentKey,
    string ToDepartmentKey,
    string Reason,
    Guid HandedOnBy,
    DateTimeOffset HandedOnAt);
