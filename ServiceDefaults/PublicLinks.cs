using Microsoft.Extensions.Configuration;

namespace Municipal.ServiceDefaults;

/// <summary>
/// Links for residents and staff to the pages the gateway serves, built on <c>PublicBaseUrl</c> (the address people
/// reach the counter at). Without it a link stays relative: right for an API answer the page itself opens, which is
/// served from the same address.
/// </summary>
public static class PublicLinks
{
    /// <summary>The configured base without a trailing slash; <paramref name="fallback"/> (or "") when none is set.</summary>
    public static string Base(IConfiguration configuration, string fallback = "") =>
        (configuration["PublicBaseUrl"] is { Length: > 0 } configured ? configured : fallback).TrimEnd('/');

    /// <summary>
    /// The public address as an absolute URL (its scheme, host and port are the site's origin, which the gateway pins
    /// the Host header and cross-site checks to); null when none is set.
    /// </summary>
    public static Uri? Address(IConfiguration configuration) =>
        Uri.TryCreate(Base(configuration), UriKind.Absolute, out var url) ? url : null;

    /// <summary>A page on the public address, e.g. <c>To(configuration, "/manage.html#t=…")</c>.</summary>
    public static string To(IConfiguration configuration, string page) => $"{Base(configuration)}/{page.TrimStart('/')}";
}
