using Municipal.ServiceDefaults;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Municipal.Gateway.Proxy;

/// <summary>
/// Takes the route the service matched (<see cref="RouteHeader"/>) off its answer, for the gateway's span of the
/// request: the resident never sees it, and the dashboard names the request as the service does.
/// </summary>
public static class ServiceRouteTransform
{
    public static void Apply(TransformBuilderContext context) => context.AddResponseTransform(transform =>
    {
        transform.HttpContext.Response.Headers.Remove(RouteHeader.Name);
        if (transform.ProxyResponse is { } response && response.Headers.TryGetValues(RouteHeader.Name, out var values)
            && RouteHeader.Accept(values.FirstOrDefault()) is { } template)
        {
            transform.HttpContext.Items[RouteHeader.ItemKey] = template;
        }
        return ValueTask.CompletedTask;
    });
}
