using Municipal.ServiceDefaults;
using Yarp.ReverseProxy.Forwarder;

namespace Municipal.Gateway.Proxy;

/// <summary>
/// While a service is down or restarting (its port refuses, or every replica is out of rotation) the gateway answers
/// 503 with <c>Retry-After</c>, which the pages retry, instead of YARP's 502: for the resident it is a pause, not an
/// error. A service that answers slowly still gets YARP's 504; errors after the answer has started cannot be changed.
/// </summary>
public static class ServiceUnavailable
{
    public const int RetryAfterSeconds = 2;

    public static async Task AnswerWhileServiceIsDown(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature()?.Error;
        if (error is not (ForwarderError.Request or ForwarderError.NoAvailableDestinations) || context.Response.HasStarted)
        {
            return;
        }
        context.Response.Clear();
        await Problems.Busy(context.Response, new Reason("try-again", "Bitte versuchen Sie es in einigen Sekunden erneut. / Please try again in a few seconds."),
            RetryAfterSeconds).ExecuteAsync(context);
    }
}
