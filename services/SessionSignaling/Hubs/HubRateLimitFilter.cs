using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Rate limits every hub method per connection, per resident token / invite / staff member (all their connections
/// together) and, for everyone but staff, per client address. A client over a budget gets the "rate-limited" error
/// for that call and stays connected — a reconnect would not help it and would only load the server more.
/// </summary>
public sealed class HubRateLimitFilter(IOptions<HubRateLimitOptions> options, TimeProvider clock, ILogger<HubRateLimitFilter> logger) : IHubFilter
{
    private const string OwnerKey = "rate:owner";
    private readonly SharedBuckets shared = new(clock);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var (category, limit) = LimitOf(invocationContext.HubMethodName);
        var context = invocationContext.Context;
        var items = context.Items;
        var key = "rate:" + category;
        if (!items.TryGetValue(key, out var value) || value is not TokenBucket bucket)
        {
            bucket = new TokenBucket(limit, clock.GetTimestamp(), clock);
            items[key] = bucket;
        }
        var owner = OwnerOf(invocationContext);
        var ip = owner?.StartsWith("staff:", StringComparison.Ordinal) == true ? null : ClientIp(context);
        if (!bucket.TryTake()
            || (owner is not null && !shared.TryTake($"{owner}:{category}", limit.Times(options.Value.PerTokenFactor)))
            || (ip is not null && !shared.TryTake($"ip:{ip}:{category}", limit.Times(options.Value.PerIpFactor))))
        {
            logger.LogDebug("Connection {ConnectionId} is over its {Category} budget", context.ConnectionId, category);
            throw new HubException(HubErrors.RateLimited);
        }
        return await next(invocationContext);
    }

    /// <summary>
    /// Whose budget a call uses: the token a resident or invitee joins with (hashed, as everywhere), else the staff
    /// member; null before a resident's first join.
    /// </summary>
    private static string? OwnerOf(HubInvocationContext invocation)
    {
        var items = invocation.Context.Items;
        if (invocation.HubMethodName is nameof(SessionHub.JoinAsResident) or nameof(SessionHub.JoinAsResidentOn) or nameof(SessionHub.JoinWithInvite)
            && invocation.HubMethodArguments is [string { Length: > 0 } token, ..])
        {
            items[OwnerKey] = "token:" + CapabilityToken.Hash(token);
        }
        else if (!items.ContainsKey(OwnerKey) && invocation.Context.User?.IsStaff() == true)
        {
            items[OwnerKey] = "staff:" + invocation.Context.User.StaffId();
        }
        return items.TryGetValue(OwnerKey, out var owner) ? owner as string : null;
    }

    /// <summary>
    /// The gateway sets X-Forwarded-For to the address it saw (services are reachable only through it and from each
    /// other); without it, the connection's own address.
    /// </summary>
    private static string? ClientIp(HubCallerContext context)
    {
        var http = context.GetHttpContext();
        if (http is null) return null;
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        // An IPv6 client counts by its /64 network, as at the gateway.
        return forwarded.Length > 0 ? ClientAddress.Key(forwarded.Split(',')[^1].Trim()) : ClientAddress.Key(http.Connection.RemoteIpAddress);
    }

    private (string Category, HubLimit Limit) LimitOf(string method)
    {
        var limits = options.Value;
        return method switch
        {
            nameof(SessionHub.SendMessage) => ("chat", limits.Chat),
            nameof(SessionHub.Typing) => ("typing", limits.Typing),
            nameof(SessionHub.Signal) => ("signal", limits.Signal),
            nameof(SessionHub.RequestMode) or nameof(SessionHub.AnswerMode) or nameof(SessionHub.SetMode)
                or nameof(SessionHub.CallRunning) or nameof(SessionHub.ResumeCall) or nameof(SessionHub.SetLanguage)
                or nameof(SessionHub.ReportPicture) => ("mode", limits.Mode),
            nameof(SessionHub.SendRoomEvent) => ("room-event", limits.RoomEvent),
            // Joining and fetching the transcript read the database: the same modest budget.
            _ => ("join", limits.Join),
        };
    }
}
