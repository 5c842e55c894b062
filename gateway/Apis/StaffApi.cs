using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Municipal.Gateway.Clients;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Gateway.Apis;

public sealed record CreatedStaffAccount(StaffAccountView Account, string TemporaryPassword);

public sealed record PasswordReset(string TemporaryPassword);

/// <summary>Administration of staff accounts (admins only).</summary>
public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/staff").RequireAuthorization(GatewayPolicies.Admin);
        api.MapGet("/", List);
        api.MapPost("/", Create);
        api.MapPut("/{id:guid}", Update);
        api.MapPost("/{id:guid}/disable", (Guid id, UserManager<StaffUser> users, StaffAccounts accounts, ClaimsPrincipal admin, CancellationToken ct) => SetDisabled(id, true, users, accounts, admin, ct));
        api.MapPost("/{id:guid}/enable", (Guid id, UserManager<StaffUser> users, StaffAccounts accounts, ClaimsPrincipal admin, CancellationToken ct) => SetDisabled(id, false, users, accounts, admin, ct));
        api.MapPost("/{id:guid}/reset-password", ResetPassword);
        api.MapPost("/{id:guid}/reset-two-factor", ResetTwoFactor);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<StaffAccountView>>> List(StaffAccounts accounts) =>
        TypedResults.Ok(await accounts.ListAsync());

    public static async Task<Results<Created<CreatedStaffAccount>, ValidationProblem, ProblemHttpResult>> Create(
        StaffAccountRequest request, StaffAccounts accounts, ServiceCatalogue catalogue, UserManager<StaffUser> users, ClaimsPrincipal admin, CancellationToken ct)
    {
        if (request.Validate(requireUserName: true) is { Count: > 0 } errors) return Problems.Fields(errors);
        if (await NameTakenAsync(request.DisplayName!, null, users, ct) is { } taken) return taken;
        var (unknown, unavailable) = await CheckCatalogueAsync(request, catalogue, admin, ct);
        if (unknown is not null) return unknown;
        if (unavailable is not null) return unavailable;
        var user = new StaffUser
        {
            Id = Guid.CreateVersion7(),
            UserName = request.UserName!.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            LockoutEnabled = true,
            MustChangePassword = true,
        };
        var password = StaffAccounts.TemporaryPassword();
        var result = await accounts.CreateAsync(user, password, request.Roles!, request.TrimmedDepartments, request.TrimmedSkills);
        if (!result.Succeeded) return AuthApi.IdentityProblem(result, "userName");
        return TypedResults.Created($"/api/staff/{user.Id}", new CreatedStaffAccount(await accounts.ViewAsync(user), password));
    }

    public static async Task<Results<Ok<StaffAccountView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, StaffAccountRequest request, [AsParameters] StaffAccountServices services, ClaimsPrincipal admin, CancellationToken ct)
    {
        if (request.Validate(requireUserName: false) is { Count: > 0 } errors) return Problems.Fields(errors);
        if (admin.IsSelf(id) && !request.Roles!.Contains(StaffRoles.Admin)) return OwnAccess();
        if (await NameTakenAsync(request.DisplayName!, id, services.Users, ct) is { } taken) return taken;
        var (unknown, unavailable) = await CheckCatalogueAsync(request, services.Catalogue, admin, ct);
        if (unknown is not null) return unknown;
        if (unavailable is not null) return unavailable;
        var user = await services.Users.FindByIdAsync(id.ToString());
        if (user is null) return NoSuchAccount();
        user.DisplayName = request.DisplayName!.Trim();
        user.Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var result = await services.Users.UpdateAsync(user);
        if (result.Succeeded) result = await services.Accounts.AssignAsync(user, request.Roles!, request.TrimmedDepartments, request.TrimmedSkills, admin.ToStaff().Id);
        if (NoLongerAdmin(result)) return Problems.RoleNotPermitted();
        if (!result.Succeeded) return AuthApi.IdentityProblem(result, "roles");
        return TypedResults.Ok(await services.Accounts.ViewAsync(user));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetDisabled(Guid id, bool disabled, UserManager<StaffUser> users, StaffAccounts accounts, ClaimsPrincipal admin, CancellationToken ct)
    {
        if (disabled && admin.IsSelf(id)) return OwnAccess();
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NoSuchAccount();
        // While it was disabled its name could be given to a new colleague: enabled again, two would share it.
        if (!disabled && user.Disabled && await NameTakenReasonAsync(user.DisplayName, user.Id, users, ct) is { } reason) return Problems.Conflict(reason);
        var result = await accounts.ChangeAsync(user, async () =>
        {
            user.Disabled = disabled;
            await users.UpdateAsync(user);
            await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null);
            // A new security stamp ends the account's existing sessions.
            return await users.UpdateSecurityStampAsync(user);
        }, admin.ToStaff().Id);
        if (NoLongerAdmin(result)) return Problems.RoleNotPermitted();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PasswordReset>, ProblemHttpResult>> ResetPassword(Guid id, UserManager<StaffUser> users, ClaimsPrincipal admin)
    {
        if (admin.IsSelf(id)) return OwnReset();
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NoSuchAccount();
        var password = StaffAccounts.TemporaryPassword();
        await users.RemovePasswordAsync(user);
        user.MustChangePassword = true;
        await users.AddPasswordAsync(user, password);
        await users.SetLockoutEndDateAsync(user, user.Disabled ? DateTimeOffset.MaxValue : null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(new PasswordReset(password));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ResetTwoFactor(Guid id, UserManager<StaffUser> users, ClaimsPrincipal admin)
    {
        if (admin.IsSelf(id)) return OwnReset();
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NoSuchAccount();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Two active colleagues with one name cannot be told apart by a resident (chat, "accepted by"): the name of another
    /// active account, compared without case and extra spaces, is refused. A disabled account's name may be given again.
    /// </summary>
    private static async Task<ValidationProblem?> NameTakenAsync(string displayName, Guid? self, UserManager<StaffUser> users, CancellationToken ct)
    {
        return await NameTakenReasonAsync(displayName, self, users, ct) is { } taken ? Problems.Field("displayName", taken) : null;
    }

    private static async Task<Reason?> NameTakenReasonAsync(string displayName, Guid? self, UserManager<StaffUser> users, CancellationToken ct)
    {
        var wanted = StaffAccountRequest.Comparable(displayName);
        var names = await users.Users.Where(u => !u.Disabled && u.Id != self).Select(u => u.DisplayName).ToListAsync(ct);
        return names.Any(n => StaffAccountRequest.Comparable(n) == wanted)
            ? new Reason("display-name-taken", "Ein aktives Konto trägt bereits diesen Namen. / An active account already has this name.")
            : null;
    }

    /// <summary>
    /// An admin taking away their own admin role or disabling their own account: the city's only admin did that with one
    /// click and nobody could administer any more (probe, 2026-12-07). Another admin may; at least one stays, as the
    /// one acting is always an active admin.
    /// </summary>
    private static ProblemHttpResult OwnAccess() => Problems.Conflict(new Reason("own-admin-access",
        "Die eigene Administrationsrolle und das eigene Konto kann nur eine andere Person mit Administrationsrolle entziehen. / Only another admin can take away your own admin role or disable your own account."));

    /// <summary>
    /// An admin resetting her own password or second factor: changing the password takes the current one, turning the
    /// second factor off a code or the password, so that a session alone (a cookie left on a shared PC) cannot take the
    /// account. The admin's resets took neither: the session's holder read a new password of the account in the answer
    /// (probe 7). Her own she changes on her overview; another admin may reset them.
    /// </summary>
    private static ProblemHttpResult OwnReset() => Problems.Conflict(new Reason("own-account-reset",
        "Das eigene Passwort und den eigenen zweiten Faktor ändern Sie in der Übersicht, mit dem aktuellen Passwort oder einem Code. / Change your own password and second factor on the overview, with your current password or a code."));

    /// <summary>The admin was disabled, or lost the role, by another admin a moment before her change (see <see cref="StaffAccounts.ChangeAsync"/>).</summary>
    private static bool NoLongerAdmin(IdentityResult result) => result.Errors.Any(e => e.Code == StaffAccounts.NoLongerAdmin);

    private static bool IsSelf(this ClaimsPrincipal admin, Guid id) => admin.IsSignedIn() && admin.ToStaff().Id == id;

    /// <summary>An id that is no account (deleted, mistyped): said as such, not as an address nobody serves.</summary>
    private static ProblemHttpResult NoSuchAccount() => Problems.NotFound(new Reason("no-staff-account", "There is no staff account with this id."));

    /// <summary>
    /// Every department must be one booking knows, and every topic a concern of one of the account's departments
    /// (a clerk acts within their departments only). Without booking's answer nothing is saved: the admin tries again.
    /// </summary>
    private static async Task<(ValidationProblem? Unknown, ProblemHttpResult? Unavailable)> CheckCatalogueAsync(StaffAccountRequest request, ServiceCatalogue catalogue, ClaimsPrincipal admin, CancellationToken ct)
    {
        var departments = request.TrimmedDepartments;
        var skills = request.TrimmedSkills;
        if (departments.Count == 0 && skills.Count == 0) return (null, null);
        if (await catalogue.LoadAsync(admin, ct) is not { } known)
        {
            return (null, Problems.Status(StatusCodes.Status503ServiceUnavailable, "Catalogue unavailable",
                new Reason("catalogue-unavailable", "Die Abteilungen und Anliegen können gerade nicht geprüft werden; bitte gleich noch einmal speichern. / Departments and concerns cannot be checked just now; please save again in a moment.")));
        }
        var errors = new FieldErrors();
        var unknownDepartments = departments.Where(d => !known.Departments.ContainsKey(d)).Distinct().ToList();
        if (unknownDepartments.Count > 0)
        {
            var names = string.Join(", ", unknownDepartments);
            var offered = string.Join(", ", known.Departments.Keys.Order());
            errors["departments"] = new Reason("unknown-department", $"Unknown department: {names}. Known: {offered}")
                .With("departments", names).With("known", offered);
        }
        var unknownSkills = skills.Where(s => known.DepartmentOf(s) is null).Distinct().ToList();
        var foreign = skills.Where(s => known.DepartmentOf(s) is { } d && !departments.Contains(d)).Distinct().ToList();
        if (unknownSkills.Count > 0)
        {
            var names = string.Join(", ", unknownSkills);
            errors["skills"] = new Reason("unknown-concern", $"Unknown concern: {names}.").With("concerns", names);
        }
        else if (foreign.Count > 0)
        {
            var names = string.Join(", ", foreign.Select(s => $"{s} ({known.DepartmentOf(s)})"));
            errors["skills"] = new Reason("foreign-concern", $"Not of the account's departments: {names}.").With("concerns", names);
        }
        return (errors.Count > 0 ? Problems.Fields(errors) : null, null);
    }
}
