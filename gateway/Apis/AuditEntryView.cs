using Municipal.Gateway.Security;

namespace Municipal.Gateway.Apis;

/// <summary>An audit entry as the log page reads it: <see cref="Verb"/> and <see cref="Subject"/> are keys the page translates.</summary>
public sealed record AuditEntryView(
    long Id, DateTimeOffset At, Guid StaffId, string StaffName, string Action, string Verb, string Subject,
    string Method, string Path, int Status, string[] Departments)
{
    public static AuditEntryView Of(AuditEntry e) => new(
        e.Id, e.At, e.StaffId, e.StaffName, e.Action, AuditSubjects.VerbOf(e.Method), AuditSubjects.Of(e.Path),
        e.Method, e.Path, e.Status, e.Departments);
}
