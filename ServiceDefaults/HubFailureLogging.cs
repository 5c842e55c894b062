using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Municipal.ServiceDefaults;

/// <summary>
/// Logs a hub method's failure by what it is. SignalR's dispatcher logs every exception a hub method throws at Error
/// with its stack trace, also a <see cref="HubException"/>, which is how a hub refuses a call on purpose (a room that
/// ended, a wrong token, a client over its budget: the hub's 4xx). Those drowned the real errors (94 in 30 minutes on
/// a healthy system, probe of 2026-12-05) and put an error badge on the service in the dashboard. The dispatcher's
/// category is silenced in <see cref="Extensions.AddServiceDefaults{TBuilder}"/>; this filter, the outermost, logs a
/// refusal at Debug and anything else at Error with its exception, then lets SignalR answer the caller as before.
/// </summary>
public sealed partial class HubFailureLogging(ILogger<HubFailureLogging> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refusal)
        {
            Refused(logger, invocationContext.HubMethodName, refusal.Message);
            throw;
        }
        catch (Exception failure)
        {
            Failed(logger, invocationContext.HubMethodName, failure);
            throw;
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "Hub method '{HubMethod}' refused the call: {Code}")]
    private static partial void Refused(ILogger logger, string hubMethod, string code);

    [LoggerMessage(2, LogLevel.Error, "Failed to invoke hub method '{HubMethod}'")]
    private static partial void Failed(ILogger logger, string hubMethod, Exception exception);
}
