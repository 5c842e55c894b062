using Municipal.ServiceDefaults;

namespace Municipal.SessionSignaling.Apis;

/// <summary>Hand the room to a colleague, to a department, or to a colleague in another department.</summary>
public sealed record TransferRequest(Guid? ToStaffId, string? ToDepartmentKey)
{
    /// <summary>The department named, trimmed; null when none is.</summary>
    public string? Department => string.IsNullOrWhiteSpace(ToDepartmentKey) ? null : ToDepartmentKey.Trim();

    /// <summary>The first refused field, with its reason; whether the department exists is the handler's to ask.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (ToStaffId is null && Department is null)
            errors["toStaffId"] = new Reason("transfer-target", "Name a colleague (toStaffId) or a department (toDepartmentKey).");
        else if (Department is { } department && !IsSlug(department))
            errors["toDepartmentKey"] = new Reason("slug", "A department key is lower-case letters, digits and hyphens.");
        else if (ToStaffId == Guid.Empty) errors["toStaffId"] = new Reason("not-a-staff-id", "Not a staff id.");
        return errors;
    }

    private static bool IsSlug(string value) =>
        value.Length <= 64 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
