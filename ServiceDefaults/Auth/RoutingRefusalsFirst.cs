using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Municipal.ServiceDefaults.Auth;

/// <summary>
/// An address nobody serves, a method it does not take, a body type it does not read: routing's own answers (404,
/// 405, 415) are the truth for every caller. Without this the fallback policy (staff only) answered an anonymous
/// caller "sign in first" instead, though signing in would not have helped: a resident's page calling
/// <c>POST /api/booking/appointments</c> with a form body was told to sign in, not that it must send JSON. Routing's
/// answers come from endpoints it makes itself (or none at all), never from a <see cref="RouteEndpoint"/> an API
/// mapped, so every mapped endpoint keeps its rules.
/// </summary>
public sealed class RoutingRefusalsFirst : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        !authorizeResult.Succeeded && context.GetEndpoint() is not RouteEndpoint
            ? next(context)
            : standard.HandleAsync(next, context, policy, authorizeResult);
}
