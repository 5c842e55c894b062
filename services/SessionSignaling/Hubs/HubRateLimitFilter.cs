using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Rate limits every hub method per connection. A client over its budget gets the "rate-limited" error for that
/// call and stays connected — a reconnect would not help it and would only load the server more.
/// </summary>
public sealed class HubRateLimitFilter(IOptions<HubRateLimitOptions> options, TimeProvider clock, ILogger<HubRateLimitFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var (category, limit) = LimitOf(invocationContext.HubMethodName);
        var items = invocationContext.Context.Items;
        var key = "rate:" + category;
        if (!items.TryGetValue(key, out var value) || value is not TokenBucket bucket)
        {
            bucket = new TokenBucket(limit, clock.GetTimestamp(), clock);
            items[key] = bucket;
        }
        if (!bucket.TryTake())
        {
            logger.LogDebug("Connection {ConnectionId} is over its {Category} budget", invocationContext.Context.ConnectionId, category);
            throw new HubException(HubErrors.RateLimited);
        }
        return await next(invocationContext);
    }

    private (string Category, HubLimit Limit) LimitOf(string method)
    {
        var limits = options.Value;
        return method switch
        {
            nameof(SessionHub.SendMessage) => ("chat", limits.Chat),
            nameof(SessionHub.Typing) => ("typing", limits.Typing),
            nameof(SessionHub.Signal) => ("signal", limits.Signal),
            nameof(SessionHub.RequestMode) or nameof(SessionHub.AnswerMode) or nameof(SessionHub.SetMode) => ("mode", limits.Mode),
            nameof(SessionHub.SendRoomEvent) => ("room-event", limits.RoomEvent),
            // Joining and fetching the transcript read the database: the same modest budget.
            _ => ("join", limits.Join),
        };
    }
}
