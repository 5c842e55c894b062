using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Municipal.AppHost.Tests;

/// <summary>
/// The dashboard's health of a project is the AppHost's own request to its <c>/health</c>. With an HTTPS port the gateway
/// serves a self-signed certificate there, which that request does not trust: the check must use the http endpoint,
/// or the gateway stays "Unhealthy" while it answers 200 (probe of 2026-12-05, finding 4).
/// </summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task Every_projects_health_check_asks_its_http_endpoint_also_when_the_gateway_has_an_https_one()
    {
        var local = Path.Combine(Path.GetTempPath(), $"municipal-health-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Municipal:Instance=health", $"--Municipal:LocalDirectory={local}", "--Municipal:Containers=false",
                "--Municipal:GatewayHttpsPort=23391"]);
        await using var app = await builder.BuildAsync();
        try
        {
            var projects = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().ToList();
            Assert.Contains(projects, p => p.Name == "gateway" && p.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == "https"));
            foreach (var project in projects)
            {
                var check = Assert.Single(project.Annotations.OfType<HealthCheckAnnotation>());
                // Aspire names the check after resource, endpoint, path and status: "gateway_http_/health_200_check".
                Assert.StartsWith($"{project.Name}_http_/health_", check.Key);
            }
        }
        finally
        {
            if (Directory.Exists(local)) Directory.Delete(local, recursive: true);
        }
    }
}
