using Municipal.Gateway.Security;

namespace Municipal.Gateway.Apis;

/// <summary>
/// An audit entry as the log page reads it: <see cref="Verb"/>, <see cref="Subject"/> and <see cref="Event"/> (a
/// sign-in event, or null) are keys the page translates; <see cref="Account"/> is the user name a sign-in event
/// concerns (null: a name that matches no account), <see cref="Repeats"/> how many times it happened, and
/// <see cref="ClientIp"/> the address it came from (shown for sign-in events only; other entries' stays in the table).
/// </summary>
public sealed record AuditEntryView(
    long Id, DateTimeOffset At, Guid StaffId, string StaffName, string Action, string Verb, string Subject,
    string Method, string Path, int Status, string[] Departments, string? Event, string? Account, int Repeats, string? ClientIp)
{
    public static AuditEntryView Of(AuditEntry e) => new(
        e.Id, e.At, e.StaffId, e.StaffName, e.Action, AuditSubjects.VerbOf(e.Method), AuditSubjects.Of(e.Path),
        e.Method, e.Path, e.Status, e.Departments, e.Event, e.Account, e.Repeats, e.Event is null ? null : e.ClientIp);
}
