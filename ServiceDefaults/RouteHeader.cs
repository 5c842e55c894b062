using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Municipal.ServiceDefaults;

/// <summary>
/// The route a service matched goes back to the gateway in a response header, so that the gateway's span of the
/// request is named as the service's is ("GET /api/booking/concerns/{key}/slots") and not by its own catch-all
/// route ("GET /api/booking/{**rest}", every booking request alike on the dashboard). The gateway takes the header off
/// before the answer leaves it. A route template holds no value of the request: no id, no token.
/// </summary>
public static class RouteHeader
{
    public const string Name = "X-Municipal-Route";

    /// <summary>Where the gateway keeps the service's route for its span (<see cref="HttpContext.Items"/>).</summary>
    public const string ItemKey = "municipal.route";

    private const int MaxLength = 256;

    /// <summary>Each answer names the route template its endpoint was matched by, where there is one.</summary>
    public static IApplicationBuilder UseRouteHeader(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { Length: > 0 and <= MaxLength } template })
                context.Response.Headers[Name] = template;
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// A route the gateway took from the service's answer, if it is one: a path template, one line, not too long.
    /// </summary>
    public static string? Accept(string? template) =>
        template is { Length: > 1 and <= MaxLength } && template[0] == '/' && !template.Any(char.IsControl) ? template : null;

    /// <summary>
    /// Names the server span after the service's route (OpenTelemetry's enrichment of the response, after it named
    /// the span by the endpoint's own route): the gateway's, which proxied the request, "GET /api/…/{key}/…".
    /// </summary>
    internal static void Rename(Activity activity, HttpResponse response)
    {
        if (response.HttpContext.Items[ItemKey] is not string template) return;
        activity.DisplayName = $"{response.HttpContext.Request.Method} {template}";
        activity.SetTag("http.route", template);
    }
}
