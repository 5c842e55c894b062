using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Municipal.ServiceDefaults.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// Services trust only the gateway's internal token. Endpoints without an explicit rule require staff
    /// (the fallback policy); resident endpoints opt out with AllowAnonymous and check their capability token.
    /// </summary>
    public static IHostApplicationBuilder AddStaffAuthentication(this IHostApplicationBuilder builder)
    {
        var key = InternalToken.SigningKey(builder.Configuration);
        builder.Services.AddAuthentication(InternalToken.Scheme)
            .AddJwtBearer(InternalToken.Scheme, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = InternalToken.ValidationParameters(key);
                // Refused as problem details with a reason code, like every other refusal.
                options.Events = new JwtBearerEvents
                {
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        context.Response.Headers.WWWAuthenticate = JwtBearerDefaults.AuthenticationScheme;
                        return Problems.SignInRequired().ExecuteAsync(context.HttpContext);
                    },
                    OnForbidden = context => Problems.RoleNotPermitted().ExecuteAsync(context.HttpContext),
                };
            });
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RoutingRefusalsFirst>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(StaffPolicy(StaffRoles.All))
            .AddPolicy(StaffPolicies.Staff, StaffPolicy(StaffRoles.All))
            .AddPolicy(StaffPolicies.Supervisor, StaffPolicy([StaffRoles.Supervisor, StaffRoles.Admin]))
            .AddPolicy(StaffPolicies.Admin, StaffPolicy([StaffRoles.Admin]))
            .AddPolicy(StaffPolicies.Service, StaffPolicy([StaffRoles.Service]));
        return builder;
    }

    private static AuthorizationPolicy StaffPolicy(IEnumerable<string> roles) =>
        new AuthorizationPolicyBuilder(InternalToken.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(roles)
            .Build();
}
