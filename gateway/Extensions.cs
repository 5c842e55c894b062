using MassTransit;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Municipal.Gateway.Apis;
using Municipal.Gateway.Clients;
using Municipal.Gateway.Data;
using Municipal.Gateway.DevMailbox;
using Municipal.Gateway.Pages;
using Municipal.Gateway.Proxy;
using Municipal.Gateway.Security;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Input;
using Municipal.ServiceDefaults.Messaging;
using Municipal.ServiceDefaults;


namespace Municipal.Gateway;

internal static class Extensions
{
    /// <summary>UTF-8 that reads an invalid byte as U+FFFD rather than throwing.</summary>
    private static readonly System.Text.Encoding LenientUtf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public const string CookieName = "municipal.staff";

    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.AddServiceDatabase<GatewayDb>("gatewaydb");
        // Staff account changes leave through the outbox; the one thing the gateway consumes is a service's ask for all
        // of them. A broker outage does not make it unready: the changes wait in its outbox (the services' readiness
        // reports RabbitMQ).
        builder.AddMessaging<GatewayDb>("gateway", bus =>
        {
            bus.AddConsumer<StaffDirectoryRequestedConsumer>();
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Tags.Clear();
                health.Tags.Add("masstransit");
            });
        });
        services.TryAddSingleton(TimeProvider.System);
        services.IgnoreCallersTraceContext();
        AddStaffSignIn(builder);

        var key = InternalToken.SigningKey(configuration);
        var (routes, clusters) = ServiceRoutes.Build(configuration);
        services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(context =>
            {
                InternalTokenTransform.Apply(context, key);
                ServiceRouteTransform.Apply(context);
            });

        services.AddGatewayRateLimits(configuration);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<RepeatedReads>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton<SignInAudit>();
        services.AddHostedService(sp => sp.GetRequiredService<SignInAudit>());
        services.AddHttpClient(ServicesHealthCheck.ClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        services.AddHttpClient(ServiceCatalogue.ClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<ServiceCatalogue>();
        services.AddSingleton(new Municipal.ServiceDefaults.HealthDetailsGate(OperatorAccess.MaySeeHealthDetails));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // A header value that is not UTF-8 (a Latin-1 "é" as one byte) was refused by Kestrel itself: an empty 400
            // over HTTP/1.1, a reset stream over HTTP/2. Read leniently, its bad bytes become U+FFFD, and the ASCII check
            // (Security/HeaderValues) answers with problem details that name the header.
            kestrel.RequestHeaderEncodingSelector = _ => LenientUtf8;
        });
        builder.ServeOnHttpsWithoutOne();
        services.AddHealthChecks().AddCheck<ServicesHealthCheck>("services", tags: [Municipal.ServiceDefaults.Extensions.ReadyTag]);
    }

    private static void AddStaffSignIn(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<StaffUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Auth:MaxFailedAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Auth:LockoutMinutes", 15));
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<GatewayDb>()
            .AddSignInManager()
            .AddPasswordValidator<GuessablePasswords>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        services.AddScoped<StaffAccounts>();
        services.AddSingleton<KnownDevices>();
        services.AddSingleton<EndedSessions>();
        services.AddHostedService<DevelopmentStaff>();
        services.AddSingleton<StaffDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<StaffDirectory>());
        // How soon a changed password, role or disabled account ends the account's other sessions.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Auth:SessionCheckSeconds", 60)));
        services.AddDataProtection().SetApplicationName("municipal-gateway").PersistKeysToDbContext<GatewayDb>();

        var authentication = services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(builder.Configuration.GetValue("Auth:SessionHours", 10));
                options.SlidingExpiration = true;
                // Each sign-in is a session of its own, which signing out ends on the server (EndedSessions).
                options.Events.OnSigningIn = context =>
                {
                    EndedSessions.Assign(context.Properties);
                    return Task.CompletedTask;
                };
                options.Events.OnValidatePrincipal = EndedSessions.ValidatePrincipalAsync;
                // An API answers 401/403 with problem details, as the services do; it never redirects to a login page.
                options.Events.OnRedirectToLogin = context => Problems.SignInRequired().ExecuteAsync(context.HttpContext);
                options.Events.OnRedirectToAccessDenied = context => Problems.RoleNotPermitted().ExecuteAsync(context.HttpContext);
            });

        // Ending a session whose account changed (security stamp) signs out of Identity's other cookies too: without
        // their schemes that sign-out threw, and a revoked session got a 500 instead of a 401.
        authentication.AddCookie(IdentityConstants.TwoFactorRememberMeScheme, options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always)
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);

        // A city's own identity provider is configuration: Auth:Oidc:Authority, ClientId, ClientSecret. Staff accounts
        // are matched by e-mail, so roles, departments and skills stay administered here.
        var oidc = builder.Configuration.GetSection("Auth:Oidc");
        if (!string.IsNullOrEmpty(oidc["Authority"]))
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                oidc.Bind(options);
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.ResponseType = "code";
                options.Scope.Add("email");
            }).AddCookie(IdentityConstants.ExternalScheme);
        }
        else
        {
            authentication.AddCookie(IdentityConstants.ExternalScheme, options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Admin))
            .AddPolicy(GatewayPolicies.Supervisor, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Supervisor, StaffRoles.Admin));
    }

    public static void UseGateway(this WebApplication app)
    {
        app.UseTraceResponse();
        app.UsePublicHost(app.Configuration);
        app.UseSecurityHeaders(app.Configuration);
        app.UseAsciiHeadersForServices();
        app.UseCrossSiteWriteProtection(app.Configuration);
        app.UseRequestLimits(app.Configuration);
        app.UseWebSockets();
        // wwwroot/citizen is the site root, wwwroot/agent is /agent, wwwroot/shared is /shared; pages get their
        // shared parts (the headers) from wwwroot/shared/partials.
        var root = app.Environment.WebRootPath ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var partials = new PhysicalFileProvider(Path.Combine(root, "shared", "partials"));
        var pages = new[] { ("agent", "/agent"), ("shared", "/shared"), ("citizen", "") }
            .Select(folder => (Files: new PageIncludes(new PhysicalFileProvider(Path.Combine(root, folder.Item1)), partials), Path: folder.Item2))
            .ToList();
        app.UseNotFoundPage(pages.Single(p => p.Path == "").Files);
        foreach (var (files, path) in pages)
        {
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = path });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = path });
        }
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        AuditLog.UseAuditLog(app);
        app.UsePasswordChangeGate();
        app.UseHubSessionWatch(app.Configuration);
        // After authorization, as in the services: an anonymous caller of a staff endpoint gets 401 and learns nothing.
        app.UseInputGuard();

        app.MapAuthApi();
        app.MapStaffApi();
        app.MapAuditApi();
        app.MapCityApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapDevMailbox();
        }
        // A pipeline of our own replaces YARP's default one, so its steps are named again: affinity keeps a SignalR
        // client on its replica, load balancing picks among replicas, passive checks take a failing one out.
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(Proxy.ServiceUnavailable.AnswerWhileServiceIsDown);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        // An address nobody answers is a 404 `no-api` from the status code pages (ServiceDefaults), as in the services;
        // a fallback endpoint here would also answer a known address's wrong method or body type with 404, not 405/415.
    }
}
