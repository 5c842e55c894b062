using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Municipal.ServiceDefaults;

public static class HealthCheckAdoption
{
    /// <summary>
    /// Takes a check an Aspire client integration registered (under its own name, untagged) into this system's health:
    /// renamed to what operators read in <c>/health</c> (the database's or "redis") and counted for readiness.
    /// </summary>
    public static IHostApplicationBuilder AdoptHealthCheck(this IHostApplicationBuilder builder, string registeredAs, string name)
    {
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            var registration = options.Registrations.SingleOrDefault(r => r.Name == registeredAs)
                ?? throw new InvalidOperationException($"No health check '{registeredAs}' was registered to adopt as '{name}'.");
            registration.Name = name;
            registration.Tags.Add(Extensions.ReadyTag);
        });
        return builder;
    }
}
