using System.Net;
using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Security;

/// <summary>
/// The Host header is the client's choice, and everything built from it (redirects such as <c>/agent</c> →
/// <c>/agent/</c>, the CSP's WebSocket origin, the sign-in callback) would carry it. A host that is neither the
/// public one (<c>PublicBaseUrl</c>), one of <c>PublicHosts</c> (further names, semicolon-separated) nor a loopback
/// name is replaced by the public host before anything reads it — not refused (as ASP.NET Core's <c>AllowedHosts</c>
/// would), because probes (Kubernetes sends the pod's address) must keep working.
/// </summary>
public static class PublicHost
{
    public static IApplicationBuilder UsePublicHost(this IApplicationBuilder app, IConfiguration configuration)
    {
        // Without a public address (an in-process test host) there is nothing to pin the host to.
        if (PublicLinks.Address(configuration) is not { } publicUrl) return app;
        var publicHost = HostString.FromUriComponent(publicUrl);
        var allowed = (configuration["PublicHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Append(publicUrl.Host).ToHashSet(StringComparer.OrdinalIgnoreCase);

        return app.Use((context, next) =>
        {
            var host = context.Request.Host;
            if (!host.HasValue || !(allowed.Contains(host.Host) || IsLoopback(host.Host)))
            {
                context.Request.Host = publicHost;
            }
            return next(context);
        });
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
