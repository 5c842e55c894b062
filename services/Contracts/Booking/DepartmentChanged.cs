namespace Municipal.Contracts.Booking;

/// <summary>
/// A department as the admin saved it on booking's page (names and central mailbox), published on each save and for
/// every department when booking starts: the document intake keeps its inbox from it.
/// </summary>
public sealed record DepartmentChanged(string Key, string NameDe, string? NameEn, string MailboxEmail, DateTimeOffset ChangedAt);
