namespace Municipal.Gateway;

/// <summary>
/// Headers on every response, proxied ones included: a CSP without inline script, HSTS, no framing, and a
/// Permissions-Policy that lets only this site use camera, microphone and screen capture. No Server header names the
/// web server (Kestrel's own is switched off in <c>AddGateway</c>; a service's is removed here).
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

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request);
            headers.Remove("Server");
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
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
    });
}
