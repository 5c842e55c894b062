using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Municipal.ServiceDefaults;

public static class Telemetry
{
    /// <summary>Source and meter for the project's own spans and instruments (outbox, queue, uploads …).</summary>
    public const string SourceName = "Municipal";

    public static readonly ActivitySource Source = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    internal static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.RateLimiting",
                    "System.Net.Http", "System.Runtime", "Npgsql", "MassTransit", SourceName))
            .WithTracing(tracing => tracing
                // Server spans named by method and route ("POST /api/booking/appointments"), probes left out; the
                // gateway's proxied requests by the route the service matched, not by its own "/api/booking/{**rest}".
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    aspNetCore.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/alive");
                    aspNetCore.EnrichWithHttpResponse = RouteHeader.Rename;
                })
                .AddSource("System.Net.Http", "Npgsql", "MassTransit", "Yarp.ReverseProxy", SourceName)
                .SetSampler(new ParentBasedSampler(new BackgroundNoiseSampler())));

        // Exporting only when an endpoint is configured keeps the runner and tests quiet without a collector.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }
}
