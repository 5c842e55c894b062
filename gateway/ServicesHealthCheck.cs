using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Municipal.Gateway;

/// <summary>The gateway is ready only when every service it routes to reports ready.</summary>
internal sealed class ServicesHealthCheck(IHttpClientFactory clients, IConfiguration configuration) : IHealthCheck
{
    public const string ClientName = "health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var client = clients.CreateClient(ClientName);
        var results = await Task.WhenAll(ServiceRoutes.Services.Select(async service =>
        {
            try
            {
                using var response = await client.GetAsync(new Uri(ServiceRoutes.ServiceUrl(configuration, service), "/health"), cancellationToken);
                return (service, healthy: response.IsSuccessStatusCode, detail: ((int)response.StatusCode).ToString());
            }
            catch (Exception ex)
            {
                return (service, healthy: false, detail: ex.GetType().Name);
            }
        }));

        var data = results.ToDictionary(r => r.service, r => (object)(r.healthy ? "Healthy" : $"Unhealthy ({r.detail})"));
        var down = results.Where(r => !r.healthy).Select(r => r.service).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy("all services ready", data)
            : HealthCheckResult.Unhealthy($"not ready: {string.Join(", ", down)}", data: data);
    }
}
