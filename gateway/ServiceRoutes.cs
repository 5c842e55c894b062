using Yarp.ReverseProxy.Configuration;

namespace Municipal.Gateway;

/// <summary>
/// The gateway's routing table. Destinations come from <c>services:{name}:http:0</c> — the same variables an
/// Aspire AppHost injects — so the table reads the same under the AppHost, the local runner and the tests.
/// </summary>
public static class ServiceRoutes
{
    /// <summary>Public path prefix → service name (the AppHost resource name).</summary>
    public static readonly IReadOnlyDictionary<string, string> Prefixes = new Dictionary<string, string>
    {
        ["/api/booking"] = "booking",
        ["/api/sessions"] = "sessions",
        ["/hubs"] = "sessions",
        ["/api/identity"] = "identity",
        ["/api/forms"] = "forms",
        ["/api/documents"] = "documents",
    };

    public static IEnumerable<string> Services => Prefixes.Values.Distinct();

    public static Uri ServiceUrl(IConfiguration configuration, string service) =>
        new(configuration[$"services:{service}:http:0"] ?? configuration[$"services:{service}:https:0"]
            ?? throw new InvalidOperationException($"services:{service}:http:0 is not configured."));

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(IConfiguration configuration)
    {
        var routes = Prefixes.Select(p => new RouteConfig
        {
            RouteId = p.Key.Trim('/').Replace('/', '-'),
            ClusterId = p.Value,
            Match = new RouteMatch { Path = p.Key + "/{**rest}" },
        }).ToList();

        var clusters = Services.Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service] = new() { Address = ServiceUrl(configuration, service).ToString() },
            },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) },
        }).ToList();

        return (routes, clusters);
    }
}
