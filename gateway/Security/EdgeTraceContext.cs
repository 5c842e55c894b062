using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Municipal.Gateway.Security;

/// <summary>
/// Every trace starts at the gateway. A caller's own <c>traceparent</c>, <c>tracestate</c> and <c>baggage</c> are not
/// taken up: with them anyone could choose the trace their requests land in (an operator's, or one they later point a
/// complaint to), pass baggage on to every service, or mark their requests "not sampled", and since the sampler follows
/// the parent's decision, leave no trace in the dashboard at all. Requests the gateway forwards carry its own trace.
/// <para>
/// Two places read a request's trace context: ASP.NET Core's hosting (through the <see cref="DistributedContextPropagator"/>
/// in the container) and OpenTelemetry's ASP.NET Core instrumentation, which reads it again with OpenTelemetry's default
/// propagator unless that is the plain W3C one. The first gets <see cref="Propagator"/>, which extracts nothing; the
/// second the plain W3C propagator, so that it leaves hosting's new trace as it is.
/// </para>
/// <para>
/// Every answer names its trace instead (<c>traceresponse</c>, as W3C Trace Context Level 2 proposes): a resident's
/// page or a support case can quote it, and an operator finds the request in the dashboard by it.
/// </para>
/// </summary>
public static class EdgeTraceContext
{
    public static void IgnoreCallersTraceContext(this IServiceCollection services)
    {
        services.AddSingleton<DistributedContextPropagator>(new Propagator(DistributedContextPropagator.CreateDefaultPropagator()));
        Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());
    }

    /// <summary>Names the request's trace in its answer: <c>traceresponse: 00-{trace id}-{span id}-{flags}</c>.</summary>
    public static void UseTraceResponse(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            context.Response.Headers["traceresponse"] =
                $"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{(activity.Recorded ? "01" : "00")}";
        }
        return next(context);
    });

    /// <summary>Writes the current trace into outgoing requests as the default does; reads none from incoming ones.</summary>
    public sealed class Propagator(DistributedContextPropagator outgoing) : DistributedContextPropagator
    {
        public override IReadOnlyCollection<string> Fields => outgoing.Fields;

        public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
            outgoing.Inject(activity, carrier, setter);

        public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
        {
            traceId = null;
            traceState = null;
        }

        public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => null;
    }
}
