using System.Net;
using Municipal.ServiceDefaults;

namespace Municipal.Gateway;

/// <summary>
/// Headers on every response, proxied ones included: a CSP without inline script, HSTS (see <see cref="SendsHsts"/>),
/// no framing, and a Permissions-Policy that lets only this site use camera, microphone and screen capture. No Server
/// header names the web server (Kestrel's own is switched off in <c>AddGateway</c>; a service's is removed here).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// WebSockets may reach only this site: its own origin in ws/wss form beside 'self' (older browsers do not let
    /// 'self' match ws:), never bare <c>ws: wss:</c>. The host has been pinned by <see cref="Security.PublicHost"/>.
    /// </summary>
    public static string ContentSecurityPolicy(HttpRequest request) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; " +
        $"connect-src 'self' {(request.IsHttps ? "wss" : "ws")}://{request.Host.ToUriComponent()}; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; worker-src 'self' blob:";

    public const string PermissionsPolicy =
        "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=(), interest-cohort=()";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>
    /// HSTS is for the city's name, reached over HTTPS: the public address says so (<c>PublicBaseUrl</c> is https, even
    /// where a proxy in front ends TLS and the gateway hears plain HTTP), or, without one, the request came over HTTPS.
    /// Never for <c>localhost</c> (or a name under it) nor an IP address: HSTS holds for a host on every port, so a
    /// developer who trusts the local certificate would otherwise be sent to HTTPS on every port of their own machine
    /// for a year; browsers ignore it on an IP address anyway (RFC 6797, 8.1).
    /// </summary>
    public static bool SendsHsts(HttpRequest request, bool? publicAddressIsHttps) =>
        (publicAddressIsHttps ?? request.IsHttps) && !IsLocalOrAddress(request.Host.Host);

    private static bool IsLocalOrAddress(string host) =>
        host.Length == 0
        || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host.Trim('[', ']'), out _);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        bool? publicAddressIsHttps = PublicLinks.Address(configuration) is { } address ? address.Scheme == Uri.UriSchemeHttps : null;
        return app.Use((context, next) => Add(context, next, publicAddressIsHttps));
    }

    private static Task Add(HttpContext context, RequestDelegate next, bool? publicAddressIsHttps)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request);
            headers.Remove("Server");
            if (SendsHsts(context.Request, publicAddressIsHttps)) headers.StrictTransportSecurity = StrictTransportSecurity;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
