using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Staff;

/// <summary>
/// While an account signs in with a password an admin set (a new account's, or a reset), the session may do one
/// thing: choose its own password (<c>POST /api/auth/password</c>); it may also ask who it is and sign out. Every
/// other API or hub request is a 403 problem of type <see cref="ProblemType"/>, so an admin-set password never
/// becomes a working password. The pages show nothing else until the password is changed.
/// </summary>
public static class PasswordChangeGate
{
    public const string ClaimType = "pwd_change";
    public const string ProblemType = "urn:municipal:password-change-required";

    private static readonly string[] Allowed = ["/api/auth/me", "/api/auth/password", "/api/auth/logout", "/api/auth/login", "/api/city"];

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        var gated = path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");
        if (!gated || !context.User.HasClaim(ClaimType, "true") || Allowed.Any(a => path.Equals(a, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }
        return TypedResults.Problem("Bitte wählen Sie zuerst ein eigenes Passwort. / Please choose your own password first.",
                statusCode: StatusCodes.Status403Forbidden, title: "Password change required", type: ProblemType,
                extensions: Problems.Coded(new Reason("password-change-first", "Please choose your own password first.")))
            .ExecuteAsync(context);
    });
}
