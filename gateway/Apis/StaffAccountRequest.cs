using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Gateway.Apis;

public sealed record StaffAccountRequest(
    string? UserName, string? DisplayName, string? Email,
    IReadOnlyList<string>? Roles, IReadOnlyList<string>? Departments, IReadOnlyList<string>? Skills)
{
    /// <summary>
    /// Every refused field, each with its reason (the user name only when an account is created: it is never changed).
    /// Whether departments and concerns exist is booking's to say (<c>StaffApi</c> asks it).
    /// </summary>
    public FieldErrors Validate(bool requireUserName)
    {
        var errors = new FieldErrors();
        if (requireUserName && string.IsNullOrWhiteSpace(UserName)) errors["userName"] = new Reason("user-name-required", "Benutzername fehlt. / User name is required.");
        if (string.IsNullOrWhiteSpace(DisplayName)) errors["displayName"] = new Reason("display-name-required", "Name fehlt. / Name is required.");
        if (!string.IsNullOrWhiteSpace(Email) && !EmailAddresses.IsValid(Email.Trim()))
            errors["email"] = Reasons.Email;
        if (Roles is not { Count: > 0 }) errors["roles"] = new Reason("role-required", "Mindestens eine Rolle. / At least one role.");
        else if (Roles.Except(StaffRoles.All).Any()) errors["roles"] = new Reason("roles", $"Erlaubt / allowed: {string.Join(", ", StaffRoles.All)}").With("roles", string.Join(", ", StaffRoles.All));
        if (Roles?.Contains(StaffRoles.Clerk) == true && Departments is not { Count: > 0 })
            errors["departments"] = new Reason("clerk-department", "Sachbearbeitende brauchen eine Abteilung. / A clerk needs a department.");
        return errors;
    }
}
