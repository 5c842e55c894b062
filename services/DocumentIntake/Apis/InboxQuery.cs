using System.Security.Claims;
using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.DocumentIntake.Apis;

/// <summary>
/// The inbox's filters, from the query string: one <c>department</c> (else all of the caller's), a scan
/// <c>status</c>, <c>assigned</c> (<c>me</c>, <c>unassigned</c> or empty for all) and <c>processed</c>
/// (<c>true</c>, <c>false</c> or empty for both).
/// </summary>
public sealed record InboxQuery(string? Department, string? Status, string? Assigned, bool? Processed)
{
    /// <summary>The first refused filter, with its reason; a department must be one the caller acts for.</summary>
    public FieldErrors Validate(ClaimsPrincipal user)
    {
        var errors = new FieldErrors();
        if (Department is not null && !user.CanActFor(Department))
            errors["department"] = new Reason("not-your-department", "You do not belong to this department.");
        else if (Status is not (null or DocumentStatus.Clean or DocumentStatus.PendingScan or DocumentStatus.Quarantined))
            errors["status"] = new Reason("inbox-status", "Use clean, pending_scan or quarantined.");
        else if (Assigned is not (null or "" or "me" or "unassigned"))
            errors["assigned"] = new Reason("inbox-assigned", "Use me or unassigned.");
        return errors;
    }
}
