using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Security;

/// <summary>
/// HTTP header values are ASCII (RFC 9110); a request to a service whose headers carry anything else or control
/// characters is refused with 400 naming the header — forwarding it would fail inside the proxy with a 502.
/// </summary>
public static class HeaderValues
{
    public static IApplicationBuilder UseAsciiHeadersForServices(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!ServiceRoutes.Prefixes.Keys.Any(prefix => context.Request.Path.StartsWithSegments(prefix))) return next(context);
        foreach (var (name, values) in context.Request.Headers)
        {
            // Never forwarded (InternalTokenTransform drops them): a stray cookie of another site on the same host
            // must not break every call.
            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var value in values)
            {
                if (value is not null && value.Any(c => c > '\x7e' || (c < ' ' && c != '\t')))
                {
                    return Problems.Status(StatusCodes.Status400BadRequest, "Ungültiger Header / Invalid header",
                        new Reason("header-ascii", $"Der Header {name} darf nur ASCII-Zeichen enthalten. / The header {name} may contain ASCII characters only.").With("name", name)).ExecuteAsync(context);
                }
            }
        }
        return next(context);
    });
}
