using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Municipal.Gateway;

/// <summary>The gateway is ready only when every service it routes to reports ready.</summary>
internal sealed class ServicesHealthCheck(IHttpClientFactory clients, IConfiguration configuration) : IHealthCheck
{
    public const string ClientName = "health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var client = clients.CreateClient(ClientName);
        // A service is ready when at least one of its instances is; each instance's answer is reported.
        var results = await Task.WhenAll(ServiceRoutes.Services.Select(async service =>
        {
            var answers = await Task.WhenAll(ServiceRoutes.ServiceUrls(configuration, service).Select(async url =>
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(url, "/health"), cancellationToken);
                    return (healthy: response.IsSuccessStatusCode, detail: ((int)response.StatusCode).ToString());
                }
                catch (Exception ex)
                {
                    return (healthy: false, detail: ex.GetType().Name);
                }
            }));
            var healthy = answers.Count(a => a.healthy);
            return (service, healthy: healthy > 0, detail: $"{healthy}/{answers.Length} instances ready: {string.Join(",", answers.Select(a => a.detail))}");
        }));

        var data = results.ToDictionary(r => r.service, r => (object)r.detail);
        var down = results.Where(r => !r.healthy).Select(r => r.service).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy("all services ready", data)
            : HealthCheckResult.Unhealthy($"not ready: {string.Join(", ", down)}", data: data);
    }
}
