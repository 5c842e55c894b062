using System.Text;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Input;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Gateway.Apis;

public sealed record StaffAccountRequest(
    string? UserName, string? DisplayName, string? Email,
    IReadOnlyList<string>? Roles, IReadOnlyList<string>? Departments, IReadOnlyList<string>? Skills)
{
    public const int MaxUserNameLength = 64;

    public const int MaxDisplayNameLength = 100;

    /// <summary>
    /// A display name as people compare it: case, runs of spaces and how a letter or space is encoded do not tell two
    /// colleagues apart for a resident ("Andrea\u00A0Admin" and "Ａｎｄｒｅａ Admin" read as "Andrea Admin", and were
    /// accepted beside it: probe, 2026-12-07).
    /// </summary>
    public static string Comparable(string name) =>
        string.Join(' ', name.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>The departments as stored: trimmed (" residents-office " passed the check trimmed and was stored as sent).</summary>
    public IReadOnlyList<string> TrimmedDepartments => Trimmed(Departments);

    public IReadOnlyList<string> TrimmedSkills => Trimmed(Skills);

    private static List<string> Trimmed(IReadOnlyList<string>? values) => (values ?? []).Select(v => v?.Trim() ?? "").ToList();

    /// <summary>
    /// Every refused field, each with its reason (the user name only when an account is created: it is never changed).
    /// Whether departments and concerns exist is booking's to say (<c>StaffApi</c> asks it).
    /// </summary>
    public FieldErrors Validate(bool requireUserName)
    {
        var errors = new FieldErrors();
        if (requireUserName && string.IsNullOrWhiteSpace(UserName)) errors["userName"] = new Reason("user-name-required", "Benutzername fehlt. / User name is required.");
        else if (requireUserName && UserName!.Trim().Length > MaxUserNameLength) errors["userName"] = Reasons.TooLong(MaxUserNameLength);
        // Residents see the name (chat, "accepted by"): one line, no link, short enough for a list.
        if (string.IsNullOrWhiteSpace(DisplayName)) errors["displayName"] = new Reason("display-name-required", "Name fehlt. / Name is required.");
        else if (DisplayName.Trim().Length > MaxDisplayNameLength) errors["displayName"] = Reasons.TooLong(MaxDisplayNameLength);
        else if (InputText.PersonNameProblem(DisplayName.Trim()) is { } nameProblem) errors["displayName"] = nameProblem;
        if (!string.IsNullOrWhiteSpace(Email) && !EmailAddresses.IsValid(Email.Trim()))
            errors["email"] = Reasons.Email;
        if (Roles is not { Count: > 0 }) errors["roles"] = new Reason("role-required", "Mindestens eine Rolle. / At least one role.");
        else if (Roles.Except(StaffRoles.All).Any()) errors["roles"] = new Reason("roles", $"Erlaubt / allowed: {string.Join(", ", StaffRoles.All)}").With("roles", string.Join(", ", StaffRoles.All));
        if (Roles?.Contains(StaffRoles.Clerk) == true && Departments is not { Count: > 0 })
            errors["departments"] = new Reason("clerk-department", "Sachbearbeitende brauchen eine Abteilung. / A clerk needs a department.");
        return errors;
    }
}
