namespace Municipal.Contracts.Booking;

/// <summary>
/// A concern as the admin saved it on booking's page (its department and names), published on each save and with the
/// departments (<see cref="DepartmentChanged"/>): the document intake names it in the mails to the department's mailbox.
/// </summary>
public sealed record ConcernChanged(string Key, string DepartmentKey, string NameDe, string NameEn, string NameFr, string NameIt, DateTimeOffset ChangedAt);
