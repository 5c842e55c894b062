using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Security;

/// <summary>
/// CSRF defence beside the SameSite cookie: a state-changing request (anything but GET, HEAD, OPTIONS, TRACE) that a
/// browser marks as coming from another site — <c>Sec-Fetch-Site: cross-site/same-site</c>, or an <c>Origin</c> that is
/// not this site (<c>null</c> included) — is refused with 403. Clients that are not browsers (the kiosk, scripts, tests)
/// send neither header and pass; the pages send <c>Origin</c> and <c>Sec-Fetch-Site: same-origin</c>.
/// </summary>
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
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return false;
        }
        // same-site is another origin too (a sibling subdomain); "none" is the user's own navigation.
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site") return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return true;
        if (publicUrl is not null && SameOrigin(uri, publicUrl)) return false;
        var host = request.Host;
        return !string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != (host.Port ?? uri.Port);
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
