using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.DocumentIntake.Apis;

/// <summary>A document handed on to another department's inbox, with a short reason its clerks read beside it.</summary>
public sealed record HandOnRequest(string? DepartmentKey, string? Reason)
{
    public const int MaxReasonLength = 300;

    /// <summary>The reason as stored: trimmed.</summary>
    public string TrimmedReason => Reason?.Trim() ?? "";

    /// <summary>
    /// The refused fields, judged against the document's own department and the departments that have an inbox. The
    /// reason is shown on one line in the inbox and in the receiving department's mail: no line breaks, no controls.
    /// </summary>
    public FieldErrors Validate(string currentDepartment, IReadOnlyCollection<string> inboxes)
    {
        var errors = new FieldErrors();
        var department = DepartmentKey?.Trim();
        if (string.IsNullOrEmpty(department))
            errors["departmentKey"] = new Reason("hand-on-department", "Choose the department to hand the document on to.");
        else if (department == currentDepartment)
            errors["departmentKey"] = new Reason("hand-on-same-department", "The document is in this department's inbox already.");
        else if (!inboxes.Contains(department))
            errors["departmentKey"] = new Reason("no-department", $"There is no department '{department}'.").With("key", department.Length > 64 ? department[..64] : department);

        var reason = TrimmedReason;
        if (reason.Length == 0) errors["reason"] = new Reason("hand-on-reason", "Say why the document is handed on.");
        else if (reason.Length > MaxReasonLength) errors["reason"] = Reasons.TooLong(MaxReasonLength);
        else if (InputText.Refusal(reason, singleLine: true) is { } problem) errors["reason"] = problem;
        return errors;
    }
}
