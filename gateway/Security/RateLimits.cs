using Municipal.ServiceDefaults;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Gateway;

/// <summary>
/// Limits for everything a resident or an outsider can call: per client IP and, where a resident presents a
/// capability token, per token; SignalR's negotiate and connect under <c>/hubs</c> per IP too (messages inside a
/// connection are limited by the hub itself). Signed-in staff have a generous budget per account on what costs the
/// city CPU (MRZ checks, OCR of identity stills, PDF printing of submitted forms) and none elsewhere. Rejections
/// answer 429 with Retry-After. Numbers come from <c>RateLimits:*</c>.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    /// <summary>
    /// A staff password change, per account: the new password's guessability estimate costs a few hundred
    /// milliseconds of CPU (<see cref="Municipal.Gateway.Staff.GuessablePasswords"/>), and a person changes a password
    /// rarely, with a few typos at most.
    /// </summary>
    public const string PasswordChange = "password-change";

    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    /// <summary>
    /// Writes that guess secrets or cost the city something (TANs, MRZ, kiosk submissions, form validation, new
    /// drafts, bookings, queue tickets) get the strict budget. Prefixes, except where an exact path is meant
    /// (editing a draft's fields while co-filling must not count against it). Every route that makes the city send a
    /// code or a link by SMS or e-mail is here: identity's TANs, a draft's signing TAN, booking's links sent again.
    /// </summary>
    private static readonly (string Path, bool Exact)[] Sensitive =
    [
        ("/api/identity/tans", false), ("/api/identity/mrz", false), ("/api/documents/kiosk", false),
        ("/api/forms/definitions", false), ("/api/forms/drafts", true), ("/api/booking/appointments", true),
        ("/api/booking/queue", true), ("/api/documents/uploads", true), ("/api/booking/appointments/links", true),
    ];

    /// <summary>Sensitive routes with an id inside: under the first path, ending in the second (a draft's signing TAN).</summary>
    private static readonly (string Under, string Ending)[] SensitiveEndings = [("/api/forms/drafts", "/tan")];

    /// <summary>What costs CPU per call whoever calls it: MRZ checks, OCR of identity stills, PDF printing of a submission.</summary>
    private static bool IsExpensive(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method)) return false;
        var path = context.Request.Path;
        var value = path.Value ?? "";
        return path.StartsWithSegments("/api/identity/mrz")
            || (path.StartsWithSegments("/api/identity/verifications") && (value.EndsWith("/mrz", StringComparison.OrdinalIgnoreCase) || value.EndsWith("/still", StringComparison.OrdinalIgnoreCase)))
            || (path.StartsWithSegments("/api/forms/drafts") && value.EndsWith("/submit", StringComparison.OrdinalIgnoreCase));
    }

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits");
        int Limit(string name, int fallback) => settings.GetValue(name, fallback);
        var window = TimeSpan.FromSeconds(settings.GetValue("WindowSeconds", 60));

        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                // ASP.NET Core knows no type for 429 (it does for 400–415, 422, 500): RFC 6585's, as the others name theirs.
                await TypedResults.Problem("Bitte warten Sie einen Moment und versuchen Sie es erneut. / Please wait a moment and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Zu viele Anfragen / Too many requests", type: TooManyRequestsType,
                    extensions: Problems.Coded(new Reason("too-many-requests", "Bitte warten Sie einen Moment und versuchen Sie es erneut. / Please wait a moment and try again.")))
                    .ExecuteAsync(context.HttpContext);
            };

            options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                "sign-in:" + ClientIp(context),
                _ => Window(Limit("SignInPerIp", 10), window)));

            options.AddPolicy(PasswordChange, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.IsSignedIn() ? "pw:" + context.User.ToStaff().Id : "pw:" + ClientIp(context),
                _ => Window(Limit("PasswordChangesPerAccount", 10), window)));

            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                {
                    if (IsHubConnect(context) && !context.User.IsSignedIn())
                    {
                        return RateLimitPartition.GetFixedWindowLimiter("h:" + ClientIp(context), _ => Window(Limit("HubPerIp", 60), window));
                    }
                    if (Exempt(context)) return RateLimitPartition.GetNoLimiter("exempt");
                    // A town hall's scanner kiosk leaves by the address of the visitors' Wi-Fi (one NAT): among the residents'
                    // 30 writes a minute, a few bookings locked it out (probe, 2026-12-06). A device's requests are counted
                    // per device (below) and under an address allowance of their own, wide enough for a hall of kiosks.
                    if (KioskDevice(context) is not null)
                        return RateLimitPartition.GetFixedWindowLimiter("k:" + ClientIp(context), _ => Window(Limit("KioskPerIp", 300), window));
                    var sensitive = IsSensitive(context);
                    return RateLimitPartition.GetFixedWindowLimiter(
                        $"{(sensitive ? "s" : "r")}:{ClientIp(context)}",
                        _ => Window(sensitive ? Limit("SensitivePerIp", 30) : Limit("ResidentPerIp", 600), window));
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                {
                    if (!Exempt(context) && KioskDevice(context) is { } device)
                        return RateLimitPartition.GetFixedWindowLimiter("k:" + Municipal.ServiceDefaults.Security.CapabilityToken.Hash(device),
                            _ => Window(Limit("KioskPerDevice", 30), window));
                    if (Exempt(context) || context.Request.Headers[CapabilityToken.Header].FirstOrDefault() is not { Length: > 0 } token)
                        return RateLimitPartition.GetNoLimiter("no-token");
                    var sensitive = IsSensitive(context);
                    // The partition key is a hash, so tokens are not kept in memory in the clear.
                    var key = Municipal.ServiceDefaults.Security.CapabilityToken.Hash(token);
                    return RateLimitPartition.GetFixedWindowLimiter(
                        $"{(sensitive ? "s" : "r")}:{key}",
                        _ => Window(sensitive ? Limit("SensitivePerToken", 10) : Limit("ResidentPerToken", 300), window));
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    context.User.IsSignedIn() && IsExpensive(context)
                        ? RateLimitPartition.GetFixedWindowLimiter("x:" + context.User.ToStaff().Id, _ => Window(Limit("StaffExpensivePerAccount", 120), window))
                        : RateLimitPartition.GetNoLimiter("not-expensive")));
        });
    }

    /// <summary>
    /// Opening a hub connection: the negotiate request or the WebSocket upgrade. A long-polling client's polls and
    /// sends belong to a connection already opened (and its messages are limited by the hub), so they are not counted.
    /// </summary>
    private static bool IsHubConnect(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/hubs")
        && (context.Request.Path.Value!.EndsWith("/negotiate", StringComparison.OrdinalIgnoreCase) || context.WebSockets.IsWebSocketRequest);

    private static bool Exempt(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") || context.User.IsSignedIn();

    internal static bool IsSensitive(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method)) return false;
        var path = context.Request.Path;
        var value = (path.Value ?? "").TrimEnd('/');
        return Sensitive.Any(s => s.Exact
                ? path.Equals(s.Path, StringComparison.OrdinalIgnoreCase) || path.Equals(s.Path + "/", StringComparison.OrdinalIgnoreCase)
                : path.StartsWithSegments(s.Path))
            || SensitiveEndings.Any(s => path.StartsWithSegments(s.Under) && value.EndsWith(s.Ending, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The kiosk device token of a request to the kiosk's endpoints, or null (enrolment carries none).</summary>
    private static string? KioskDevice(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api/documents/kiosk") && context.Request.Headers[KioskDeviceHeader].FirstOrDefault() is { Length: > 0 } device
            ? device
            : null;

    /// <summary>The header a registered kiosk names itself with (documents' <c>KioskDevices.Header</c>).</summary>
    private const string KioskDeviceHeader = "X-Kiosk-Device";

    /// <summary>The client's address as its budgets count it: an IPv6 client by its /64 network (<see cref="ClientAddress"/>).</summary>
    private static string ClientIp(HttpContext context) => ClientAddress.Key(context.Connection.RemoteIpAddress);

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
