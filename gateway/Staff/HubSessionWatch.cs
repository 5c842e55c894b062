using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Municipal.Gateway.Staff;

/// <summary>
/// A staff member's hub connection (a WebSocket through the gateway) is checked once, when it opens; signing out, or a
/// password changed on another device, ended the session for every later request but left that connection open for
/// hours, chatting in the resident's room from a session that no longer existed. While a staff request under
/// <c>/hubs</c> runs, its session is asked again every <c>Auth:HubSessionCheckSeconds</c> (10) — ended
/// (<see cref="EndedSessions"/>), the account disabled, or its stamp changed — and the connection is closed when it is over. Short
/// requests (negotiate) end before the first check; a disabled clerk is let out by sessions itself, at once.
/// </summary>
public static class HubSessionWatch
{
    public static IApplicationBuilder UseHubSessionWatch(this IApplicationBuilder app, IConfiguration configuration)
    {
        var every = TimeSpan.FromSeconds(configuration.GetValue("Auth:HubSessionCheckSeconds", 10));
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/hubs") || context.User.Identity?.IsAuthenticated != true)
            {
                await next(context);
                return;
            }
            var session = EndedSessions.IdOf(context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var watch = WatchAsync(context, session, every, done.Token);
            try
            {
                await next(context);
            }
            finally
            {
                await done.CancelAsync();
                await watch;
            }
        });
    }

    private static async Task WatchAsync(HttpContext context, string? session, TimeSpan every, CancellationToken ct)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HubSessionWatch));
        while (true)
        {
            try
            {
                await Task.Delay(every, ct);
                if (!await IsOverAsync(services, context, session)) continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database away: the connection stays, as every other request's check would let it; the next turn asks again.
                logger.LogWarning(ex, "Checking a hub connection's session failed; asking again in {Seconds} s", every.TotalSeconds);
                continue;
            }
            logger.LogInformation("Closed the hub connection of an ended staff session ({User})", context.User.Identity?.Name);
            context.Abort();
            return;
        }
    }

    private static async Task<bool> IsOverAsync(IServiceProvider services, HttpContext context, string? session)
    {
        if (await services.GetRequiredService<EndedSessions>().IsEndedAsync(session, context.User.ToStaff().Id)) return true;
        // The request's scope is the connection's: its sign-in manager (and database context) live as long as it does.
        var signIn = services.GetRequiredService<SignInManager<StaffUser>>();
        return await signIn.ValidateSecurityStampAsync(context.User) is null;
    }
}
