using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Municipal.ServiceDefaults.Input;

namespace Municipal.ServiceDefaults;

public static class Extensions
{
    public const string ReadyTag = "ready";

    /// <summary>What every service and the gateway share: telemetry, health, service URLs, problem details.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        // Request lines carry query strings and SQL logs carry values; neither belongs in logs by default. Npgsql logs
        // every command it completes at Information, and ASP.NET Core two lines for every result written: on this
        // machine that was most of every service's log (10,488 of 11,547 entries in booking after one benchmark run), each
        // line formatted, written to the console and copied into a file by the orchestrator, on the request's CPU.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddFilter("Npgsql.Command", LogLevel.Warning);
        // Results are "Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult" …: "Http.Result" is no prefix of that.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.HttpResults", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp.ReverseProxy.Forwarder.HttpForwarder", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        // Lines about things going right, each a line per event of a healthy system (probe of 2026-12-05): YARP's every
        // successful probe of every service (40 % of the gateway's log; a failed probe is a Warning), a line per static
        // file sent, and one per COPY (each batch of chat lines). Their failures stay visible at Warning and above.
        builder.Logging.AddFilter("Yarp.ReverseProxy.Health.ActiveHealthCheckMonitor", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles.StaticFileMiddleware", LogLevel.Warning);
        builder.Logging.AddFilter("Npgsql.Copy", LogLevel.Warning);

        // SignalR's dispatcher logs nothing above Debug but a hub method's exception, at Error, refusals (HubException)
        // included; HubFailureLogging logs those by what they are instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        builder.Services.Configure<HubOptions>(hubs => hubs.AddFilter<HubFailureLogging>());

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        // Each check's changes are logged once (HealthChangeLog), not each probe of /health that finds one unhealthy.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        builder.Services.AddSingleton<IHealthCheckPublisher>(services => new HealthChangeLog(services.GetRequiredService<ILogger<HealthChangeLog>>()));
        builder.Services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.FromSeconds(2);
            options.Period = TimeSpan.FromSeconds(10);
        });

        // One reading of City:TimeZone for every service (each registers the TimeProvider its tests replace).
        builder.Services.TryAddSingleton<CityClock>();

        // Every refusal carries a reason code the pages translate, also those ASP.NET Core answers itself before any
        // handler runs (no endpoint for the address or the method, a body that is not JSON).
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Extensions.ContainsKey("code") || problem.Extensions.ContainsKey("reasons")) return;
            var reason = problem.Status switch
            {
                StatusCodes.Status404NotFound => Reasons.NoSuchAddress,
                StatusCodes.Status405MethodNotAllowed => Reasons.MethodNotAllowed,
                StatusCodes.Status415UnsupportedMediaType => Reasons.JsonOnly,
                // A body without a declared length that grew past the limit while it was read (the proxy's refusal).
                StatusCodes.Status413PayloadTooLarge => Reasons.RequestTooLargeThan(
                    context.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize),
                _ => null,
            };
            if (reason is null) return;
            problem.Detail ??= reason.Text;
            foreach (var (name, value) in Problems.Coded(reason)) problem.Extensions[name] = value;
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // A body that does not bind throws in every environment, so ProblemExceptionHandler can name the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // A POST that timed out may have been carried out: repeating it could send a second mail or TAN or store a
            // document twice, so only safe methods are retried here; writes are retried where they are idempotent
            // (message consumers with their inbox).
            http.AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <param name="guardInput">
    /// False where the host adds authorization after this call and places <see cref="InputGuardExtensions.UseInputGuard"/>
    /// behind it itself (the gateway), so an anonymous caller of a staff endpoint gets 401, not a validation problem.
    /// </param>
    /// <param name="namesRoute">
    /// False for the gateway: a service's answers name the route it matched for the gateway's span
    /// (<see cref="RouteHeader"/>); the gateway's own answers leave the building and need not.
    /// </param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, bool guardInput = true, bool namesRoute = true)
    {
        if (namesRoute) app.UseRouteHeader();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // After routing and authorization (added before this by the host): control characters and far-off dates are refused.
        if (guardInput) app.UseInputGuard();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains("live"),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") }).AllowAnonymous();
        return app;
    }
}
