namespace Municipal.Contracts.Booking;

/// <summary>
/// A department as the admin saved it on booking's page (names and central mailbox), published on each save and for
/// every department when booking starts: the document intake keeps its inbox from it. French and Italian names came
/// later (2026-12-07): a message without them names the department in German there. So did the language its staff are
/// written to in (<c>StaffLanguage</c>: de, fr, it or en; empty, or a message without it, for the city's).
/// </summary>
public sealed record DepartmentChanged(string Key, string NameDe, string? NameEn, string MailboxEmail, DateTimeOffset ChangedAt,
    string? NameFr = null, string? NameIt = null, string? StaffLanguage = null);
