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

    public static Uri ServiceUrl(IConfiguration configuration, string service) => ServiceUrls(configuration, service)[0];

    /// <summary>Every instance of a service: <c>services:{name}:http:0</c>, <c>:1</c>, … (several replicas are balanced).</summary>
    public static IReadOnlyList<Uri> ServiceUrls(IConfiguration configuration, string service)
    {
        var urls = new List<Uri>();
        foreach (var scheme in new[] { "https", "http" })
        {
            urls.AddRange(configuration.GetSection($"services:{service}:{scheme}").GetChildren()
                .OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue)
                .Where(c => !string.IsNullOrEmpty(c.Value))
                .Select(c => new Uri(c.Value!)));
        }
        return urls.Count > 0 ? urls : throw new InvalidOperationException($"services:{service}:http:0 is not configured.");
    }

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
            LoadBalancingPolicy = "PowerOfTwoChoices",
            Destinations = ServiceUrls(configuration, service).Select((url, i) => (url, i))
                .ToDictionary(d => $"{service}-{d.i}", d => new DestinationConfig { Address = d.url.ToString() }),
            HealthCheck = new HealthCheckConfig
            {
                // A replica that stops answering /alive is taken out of rotation until it answers again.
                Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(3), Path = "/alive", Policy = "ConsecutiveFailures" },
            },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) },
            // SignalR's negotiate request and the WebSocket that follows must reach the same replica; rooms
            // themselves span replicas through the Redis backplane.
            SessionAffinity = service == "sessions"
                ? new SessionAffinityConfig { Enabled = true, Policy = "HashCookie", AffinityKeyName = "municipal.affinity", FailurePolicy = "Redistribute" }
                : null,
        }).ToList();

        return (routes, clusters);
    }
}
