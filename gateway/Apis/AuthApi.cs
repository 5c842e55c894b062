using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Municipal.Gateway.Security;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults;
using QRCoder;

namespace Municipal.Gateway.Apis;

public sealed record LoginRequest(string? UserName, string? Password, string? Code);

/// <summary>Who is signed in; <see cref="MustChangePassword"/>: the password was set by an admin and must be replaced first.</summary>
public sealed record MeResponse(Guid Id, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Departments, IReadOnlyList<string> Skills, bool TwoFactorEnabled,
    bool MustChangePassword = false);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record TotpSetup(string Key, string Uri, string QrSvg);

public sealed record TotpCode(string? Code);

/// <summary>Turning the second factor off: a current code from the authenticator app, or else the password.</summary>
public sealed record TotpOff(string? Code, string? Password);

/// <summary>Staff sign-in: password, lockout of unknown devices after repeated failures, and an optional TOTP second factor.</summary>
public static class AuthApi
{
    private const int MaxPasswordLength = 128;

    private static readonly string TimingDummyHash = new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString());

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth");
        api.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        api.MapPost("/logout", Logout).AllowAnonymous();
        api.MapGet("/me", Me).RequireAuthorization();
        api.MapPost("/password", ChangePassword).RequireAuthorization().RequireRateLimiting(RateLimits.PasswordChange);
        api.MapGet("/totp", SetUpTotp).RequireAuthorization();
        api.MapPost("/totp", EnableTotp).RequireAuthorization();
        api.MapDelete("/totp", ([FromBody] TotpOff? request, HttpContext context, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, KnownDevices devices) =>
            DisableTotp(request ?? new TotpOff(null, null), context, users, signIn, devices)).RequireAuthorization();
        return app;
    }

    /// <summary>
    /// Every failure — unknown name, wrong password or code, locked account — gives the same 401 and takes at least
    /// <c>Auth:FailureFloorMs</c> (a password hash is always computed), so neither the answer nor its time tells which
    /// staff names exist. The lockout (<c>Auth:MaxFailedAttempts</c> failures → <c>Auth:LockoutMinutes</c>) holds for
    /// unknown devices only: a browser the account signed in from before (<see cref="KnownDevices"/>) still passes with
    /// the right password and code, so failing on purpose cannot keep the owner out. Guessing from that browser is
    /// still bounded by the per-IP sign-in limit, and its failures count toward the lockout of every other device.
    /// Each outcome is a sign-in event in the audit log (<see cref="SignInAudit"/>); a name that matches no account is
    /// not stored, neither is a password or code.
    /// </summary>
    public static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext context, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, KnownDevices devices, IConfiguration configuration)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.UserName)) errors["userName"] = new Reason("user-name-required", "Bitte Benutzernamen angeben. / Enter your user name.");
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = new Reason("password-required", "Bitte Passwort angeben. / Enter your password.");
        if (errors.Count > 0) return Problems.Fields(errors);

        var started = Stopwatch.GetTimestamp();
        async Task<ProblemHttpResult> FailedAfterFloor()
        {
            var floor = TimeSpan.FromMilliseconds(configuration.GetValue("Auth:FailureFloorMs", 400));
            var remaining = floor - Stopwatch.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero) await Task.Delay(remaining);
            return Failed();
        }

        var user = await users.FindByNameAsync(request.UserName!);
        if (user is null || user.Disabled)
        {
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), TimingDummyHash, request.Password!);
            await AuditSignInAsync(context, users, user, user is null ? SignInEvents.UnknownAccount : SignInEvents.DisabledAccount, StatusCodes.Status401Unauthorized);
            return await FailedAfterFloor();
        }

        var locked = await users.IsLockedOutAsync(user);
        var blocked = locked && !devices.IsKnown(context, user.Id);
        var passwordOk = await users.CheckPasswordAsync(user, request.Password!);
        if (blocked)
        {
            await AuditSignInAsync(context, users, user, SignInEvents.WhileLockedOut, StatusCodes.Status401Unauthorized);
            return await FailedAfterFloor();
        }
        if (!passwordOk)
        {
            await FailedAttemptAsync(context, users, user, locked, SignInEvents.WrongPassword);
            return await FailedAfterFloor();
        }

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(request.Code))
            {
                await AuditSignInAsync(context, users, user, SignInEvents.CodeMissing, StatusCodes.Status400BadRequest);
                return Problems.Fields(new FieldErrors { ["code"] = new Reason("totp-required", "Bitte den Code aus Ihrer Authenticator-App eingeben. / Enter the code from your authenticator app.") },
                    title: "Second factor required", type: "urn:municipal:totp-required");
            }
            var code = request.Code.Replace(" ", "", StringComparison.Ordinal);
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await FailedAttemptAsync(context, users, user, locked, SignInEvents.WrongCode);
                return await FailedAfterFloor();
            }
        }

        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        devices.Remember(context, user.Id);
        await AuditSignInAsync(context, users, user, SignInEvents.SignedIn, StatusCodes.Status200OK);
        return TypedResults.Ok(await MeFor(users, user));
    }

    /// <summary>A failed try counts toward the lockout; the one that locks the account is an event of its own.</summary>
    private static async Task FailedAttemptAsync(HttpContext context, UserManager<StaffUser> users, StaffUser user, bool lockedBefore, string @event)
    {
        await users.AccessFailedAsync(user);
        await AuditSignInAsync(context, users, user, @event, StatusCodes.Status401Unauthorized);
        if (!lockedBefore && await users.IsLockedOutAsync(user)) await AuditSignInAsync(context, users, user, SignInEvents.LockoutBegun, StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// A sign-in event for the audit log, concerning the account's departments (its supervisors read it too); a name
    /// that matches no account is for admins only.
    /// </summary>
    private static async Task AuditSignInAsync(HttpContext context, UserManager<StaffUser> users, StaffUser? user, string @event, int status, string path = "/api/auth/login")
    {
        var departments = user is null ? [] : (await users.GetClaimsAsync(user)).Where(c => c.Type == "dept").Select(c => c.Value);
        var entry = SignInAudit.EntryFor(context, @event, user is null ? null : (user.Id, user.DisplayName, user.UserName ?? ""), departments, status, path);
        await context.RequestServices.GetRequiredService<SignInAudit>().RecordAsync(entry);
    }

    /// <summary>Ends this session on the server too (<see cref="EndedSessions"/>): a copy of its cookie no longer signs anyone in.</summary>
    public static async Task<NoContent> Logout(HttpContext context, SignInManager<StaffUser> signIn, EndedSessions ended, IOptionsMonitor<CookieAuthenticationOptions> cookies)
    {
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (session.Succeeded && EndedSessions.IdOf(session.Properties) is { } id)
        {
            await ended.EndAsync(id, cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan);
        }
        if (session is { Succeeded: true, Principal: { } principal } && principal.IsSignedIn())
        {
            var staff = principal.ToStaff();
            await context.RequestServices.GetRequiredService<SignInAudit>().RecordAsync(SignInAudit.EntryFor(context, SignInEvents.SignedOut,
                (staff.Id, staff.Name, principal.Identity?.Name ?? ""), staff.Departments, StatusCodes.Status204NoContent, "/api/auth/logout"));
        }
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Me(HttpContext context, UserManager<StaffUser> users)
    {
        var user = await users.GetUserAsync(context.User);
        return user is null || user.Disabled ? Problems.SignInRequired() : TypedResults.Ok(await MeFor(users, user));
    }

    /// <summary>
    /// The signed-in person chooses a new password: the current one, then a new one that meets the password rules
    /// and differs from it. Errors name the field and carry Identity's codes (<c>reasons</c>) for the page to
    /// translate. The change ends the account's other sessions (a new security stamp, checked every
    /// <c>Auth:SessionCheckSeconds</c>) and renews this one, without a pending change.
    /// </summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, HttpContext context, UserManager<StaffUser> users, SignInManager<StaffUser> signIn)
    {
        var user = await users.GetUserAsync(context.User);
        if (user is null || user.Disabled) return Problems.SignInRequired();
        // Every rule a new password breaks is listed (code and text), not only the first: the page shows them all.
        var errors = new Dictionary<string, List<Reason>>();
        void Add(string field, Reason reason)
        {
            errors.TryAdd(field, new List<Reason>());
            errors[field].Add(reason);
        }

        var current = request.CurrentPassword ?? "";
        var next = request.NewPassword ?? "";
        // Identity sets no upper bound: a 10 000-character password would be hashed and kept.
        if (current.Length > MaxPasswordLength) Add("currentPassword", Reasons.TooLong(MaxPasswordLength));
        else if (current.Length == 0) Add("currentPassword", new Reason("password-current-required", "Bitte das bisherige Passwort angeben. / Enter your current password."));
        // A session is no licence to guess: a wrong current password counts as a failed sign-in, and once the account
        // is locked nothing is checked until the lockout ends (a stolen cookie could otherwise try passwords unthrottled).
        else if (await users.IsLockedOutAsync(user))
        {
            context.Items[SignInAudit.ItemKey] = SignInEvents.WhileLockedOut;
            Add("currentPassword", new Reason("password-tries-locked", "Zu viele falsche Versuche; bitte später erneut versuchen. / Too many wrong tries; please try again later.")
                .With("minutes", (int)users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes));
        }
        else if (!await users.CheckPasswordAsync(user, current))
        {
            await users.AccessFailedAsync(user);
            context.Items[SignInAudit.ItemKey] = await users.IsLockedOutAsync(user) ? SignInEvents.LockoutBegun : SignInEvents.PasswordChangeFailed;
            Add("currentPassword", new Reason("password-mismatch", "Das bisherige Passwort stimmt nicht. / The current password is not correct."));
        }
        else await users.ResetAccessFailedCountAsync(user);
        if (next.Length > MaxPasswordLength) Add("newPassword", Reasons.TooLong(MaxPasswordLength));
        else if (next.Length == 0) Add("newPassword", new Reason("password-new-required", "Bitte ein neues Passwort angeben. / Enter a new password."));
        else if (next == current) Add("newPassword", new Reason("password-same-as-current", "Das neue Passwort muss sich vom bisherigen unterscheiden. / The new password must differ from the current one."));
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var checkedPassword = await validator.ValidateAsync(users, user, next);
                foreach (var error in checkedPassword.Errors) Add("newPassword", IdentityReasons.Rule(error));
            }
        }
        if (errors.Count > 0)
        {
            // Several codes per field (one per broken rule), in the order of the texts; the values their texts name.
            var args = errors.SelectMany(e => e.Value.Where(r => r.Args.Count > 0).Take(1).Select(r => (e.Key, r.Args))).ToDictionary(a => a.Key, a => a.Args);
            var codes = errors.ToDictionary(e => e.Key, e => e.Value.Select(x => x.Code).ToArray());
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.Select(x => x.Text).ToArray()),
                extensions: args.Count > 0 ? new Dictionary<string, object?> { ["reasons"] = codes, ["reasonArgs"] = args } : new Dictionary<string, object?> { ["reasons"] = codes });
        }

        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded) return IdentityProblem(result, "newPassword");
        await signIn.RefreshSignInAsync(user);
        return TypedResults.NoContent();
    }

    /// <remarks>
    /// Making a key, turning the second factor on and off change the account's security stamp, which ends its other
    /// sessions; this one is signed in again with the new stamp (it was ended too, at its next check).
    /// </remarks>
    public static async Task<Results<Ok<TotpSetup>, ProblemHttpResult>> SetUpTotp(HttpContext context, UserManager<StaffUser> users, SignInManager<StaffUser> signIn)
    {
        var user = await users.GetUserAsync(context.User);
        if (user is null) return Problems.SignInRequired();
        // The key is shown while it is set up, never again: whoever holds a session later must not copy the second factor.
        if (user.TwoFactorEnabled)
        {
            return Problems.Conflict(new Reason("totp-already-on",
                "Der zweite Faktor ist eingeschaltet; sein Schlüssel wird nur beim Einrichten gezeigt. / The second factor is on; its key is shown only while it is set up."));
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Digitaler Schalter:" + user.UserName)}?secret={key}&issuer={Uri.EscapeDataString("Digitaler Schalter")}&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(Encoding.UTF8.GetBytes(uri), QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(qr).GetGraphic(4);
        return TypedResults.Ok(new TotpSetup(key!, uri, svg));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> EnableTotp(TotpCode request, HttpContext context, UserManager<StaffUser> users, SignInManager<StaffUser> signIn)
    {
        var user = await users.GetUserAsync(context.User);
        if (user is null) return Problems.SignInRequired();
        var code = (request.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return Problems.Field("code", new Reason("totp-wrong", "Der Code stimmt nicht. / The code is not correct."));
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Turning the second factor off takes a current code (or, the phone lost, the password), so a session alone — a
    /// cookie left on a shared PC — cannot remove it. A wrong one counts as a failed sign-in (the lockout), and while
    /// the account is locked only a browser it signed in from before may try, as at sign-in.
    /// </summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DisableTotp(
        TotpOff request, HttpContext context, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, KnownDevices devices)
    {
        var user = await users.GetUserAsync(context.User);
        if (user is null) return Problems.SignInRequired();
        if (!user.TwoFactorEnabled) return TypedResults.NoContent();
        var code = (request.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        var password = request.Password ?? "";
        if (code.Length == 0 && password.Length == 0)
        {
            return Problems.Field("code", new Reason("totp-off-proof",
                "Bitte einen aktuellen Code aus der Authenticator-App oder Ihr Passwort angeben. / Enter a current code from your authenticator app or your password."));
        }
        if (password.Length > MaxPasswordLength) return Problems.Field("password", Reasons.TooLong(MaxPasswordLength));
        var locked = await users.IsLockedOutAsync(user);
        var blocked = locked && !devices.IsKnown(context, user.Id);
        var proven = code.Length > 0
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : await users.CheckPasswordAsync(user, password);
        if (blocked || !proven)
        {
            if (!blocked) await users.AccessFailedAsync(user);
            context.Items[SignInAudit.ItemKey] = blocked ? SignInEvents.WhileLockedOut
                : await users.IsLockedOutAsync(user) && !locked ? SignInEvents.LockoutBegun
                : code.Length > 0 ? SignInEvents.WrongCode : SignInEvents.WrongPassword;
            return code.Length > 0
                ? Problems.Field("code", new Reason("totp-wrong", "Der Code stimmt nicht. / The code is not correct."))
                : Problems.Field("password", new Reason("password-mismatch", "Das Passwort stimmt nicht. / The password is not correct."));
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return TypedResults.NoContent();
    }

    internal static ValidationProblem IdentityProblem(IdentityResult result, string field) => IdentityReasons.Problem(result, field);

    private static async Task<MeResponse> MeFor(UserManager<StaffUser> users, StaffUser user)
    {
        var claims = await users.GetClaimsAsync(user);
        return new MeResponse(user.Id, user.DisplayName, (await users.GetRolesAsync(user)).ToList(),
            claims.Where(c => c.Type == "dept").Select(c => c.Value).ToList(),
            claims.Where(c => c.Type == "skill").Select(c => c.Value).ToList(),
            user.TwoFactorEnabled, user.MustChangePassword);
    }

    private static ProblemHttpResult Failed() => Problems.Status(StatusCodes.Status401Unauthorized, "Anmeldung fehlgeschlagen / Sign-in failed",
        new Reason("sign-in-failed", "Benutzername oder Passwort ist falsch. / The user name or password is wrong."));
}
