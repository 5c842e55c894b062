using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Security;

/// <summary>
/// CSRF defence beside the SameSite cookie: a state-changing request (anything but GET, HEAD, OPTIONS, TRACE), and
/// anything that opens or carries a hub connection (every request under <c>/hubs</c>, any WebSocket upgrade: an upgrade
/// is a GET, yet the socket acts with the staff cookie), that a browser marks as coming from another site —
/// <c>Sec-Fetch-Site: cross-site/same-site</c>, or an <c>Origin</c> that is not this site (<c>null</c> included) — is
/// refused with 403. Clients that are not browsers (the kiosk, scripts, tests) send neither header and pass; the pages
/// send <c>Origin</c> and <c>Sec-Fetch-Site: same-origin</c>.
/// </summary>
/// <remarks>
/// This site is its origin: scheme, host and port. The public address (<c>PublicBaseUrl</c>) is one; the request's own
/// scheme, host and port another (the HTTPS port beside the HTTP one, a name of <c>PublicHosts</c>); behind a proxy that
/// ends TLS the gateway hears http while the browser speaks https, which the public address being https says.
/// </remarks>
public static class CrossSiteWrites
{
    public static IApplicationBuilder UseCrossSiteWriteProtection(this IApplicationBuilder app, IConfiguration configuration)
    {
        var publicUrl = PublicLinks.Address(configuration);
        return app.Use((context, next) => IsForeignWrite(context.Request, publicUrl)
            ? Problems.Status(StatusCodes.Status403Forbidden, "Anfrage von fremder Seite / Cross-site request refused",
                new Reason("cross-site", "Änderungen nimmt der Schalter nur von seinen eigenen Seiten an. / Changes are accepted only from this site's own pages.")).ExecuteAsync(context)
            : next(context));
    }

    internal static bool IsForeignWrite(HttpRequest request, Uri? publicUrl)
    {
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method);
        if (safe && !OpensConnection(request)) return false;
        // same-site is another origin too (a sibling subdomain); "none" is the user's own navigation.
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site") return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return true;
        if (publicUrl is not null && SameOrigin(uri, publicUrl)) return false;
        return !IsRequestsOwn(uri, request, publicUrl);
    }

    /// <summary>A hub's negotiate, its WebSocket, server-sent events or long polling; a WebSocket upgrade anywhere.</summary>
    private static bool OpensConnection(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs")
        || string.Equals(request.Headers.Upgrade.ToString(), "websocket", StringComparison.OrdinalIgnoreCase)
        || (HttpMethods.IsConnect(request.Method) && request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>()?.Protocol is "websocket");

    /// <summary>The origin of the address the request was sent to: its scheme (or the public one, https, behind a proxy), host and port.</summary>
    private static bool IsRequestsOwn(Uri origin, HttpRequest request, Uri? publicUrl)
    {
        var scheme = string.Equals(origin.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            || (publicUrl?.Scheme == Uri.UriSchemeHttps && origin.Scheme == Uri.UriSchemeHttps);
        if (!scheme || !string.Equals(origin.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)) return false;
        // A Host without a port is the scheme's default port, as the browser's origin then says.
        return request.Host.Port is { } port ? origin.Port == port : origin.IsDefaultPort;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
