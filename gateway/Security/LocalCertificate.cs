using System.Security.Cryptography.X509Certificates;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Gateway.Security;

/// <summary>
/// The certificate of a gateway told to listen on HTTPS (the AppHost's <c>Municipal:GatewayHttpsPort</c>) without one of
/// its own (<c>Kestrel:Certificates:Default</c>): self-signed for this machine's loopback names, made at start and
/// never written anywhere. It gives a local run what a city's TLS gives its residents: HTTP/2, so a page's scripts
/// load over one connection at once rather than six at a time (issue 18, call set-up), and a secure context on any
/// name. Browsers warn about it; a city configures its own certificate or terminates TLS before the gateway.
/// </summary>
public static class LocalCertificate
{
    public static void ServeOnHttpsWithoutOne(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection("Kestrel:Certificates:Default").Exists()) return;
        var certificate = new Lazy<X509Certificate2>(LoopbackCertificate.Create);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate ??= certificate.Value));
    }
}
