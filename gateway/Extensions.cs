using Microsoft.Extensions.FileProviders;

namespace Municipal.Gateway;

internal static class Extensions
{
    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        var (routes, clusters) = ServiceRoutes.Build(builder.Configuration);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddHttpClient(ServicesHealthCheck.ClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddHealthChecks().AddCheck<ServicesHealthCheck>("services", tags: [Municipal.ServiceDefaults.Extensions.ReadyTag]);
    }

    public static void UseGateway(this WebApplication app)
    {
        app.UseWebSockets();
        // wwwroot/citizen is the site root, wwwroot/agent is /agent, wwwroot/shared is /shared.
        var root = app.Environment.WebRootPath;
        foreach (var (folder, path) in new[] { ("agent", "/agent"), ("shared", "/shared"), ("citizen", "") })
        {
            var files = new PhysicalFileProvider(Path.Combine(root, folder));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = path });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = path });
        }
        app.MapReverseProxy();
    }
}
