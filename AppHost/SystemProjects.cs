namespace Municipal.AppHost;

/// <summary>
/// The five services and the gateway, and the environment contract they read (docs/CONVENTIONS.md, "Names"): written
/// here once. Every project gets the same contract; each gets its own database only.
/// </summary>
internal static class SystemProjects
{
    public sealed record Secrets(
        IResourceBuilder<ParameterResource> InternalKey,
        IResourceBuilder<ParameterResource> TurnSecret,
        IResourceBuilder<ParameterResource> DocumentNumberKey);

    /// <summary>Resource name → project, in the order of their service ports (base+1 … base+5).</summary>
    private static readonly (string Name, string Database, Func<IDistributedApplicationBuilder, string, IResourceBuilder<ProjectResource>> Add)[] Services =
    [
        ("booking", "bookingdb", (b, n) => b.AddProject<Projects.Booking>(n)),
        ("sessions", "sessiondb", (b, n) => b.AddProject<Projects.SessionSignaling>(n)),
        ("identity", "identitydb", (b, n) => b.AddProject<Projects.IdentityVerification>(n)),
        ("forms", "formdb", (b, n) => b.AddProject<Projects.Form>(n)),
        ("documents", "documentdb", (b, n) => b.AddProject<Projects.DocumentIntake>(n)),
    ];

    public static IResourceBuilder<ProjectResource> Add(IDistributedApplicationBuilder builder, AppHostSettings settings,
        SystemInfrastructure infrastructure, Secrets secrets)
    {
        var services = Services.Select((service, i) => service.Add(builder, service.Name)
                .WithHttpEndpoint(port: settings.ServicePortBase + i + 1, name: "http")
                .WithReplicas(settings.Replicas)
                .WithReference(infrastructure.Databases[service.Database]))
            .ToList();

        // Only the gateway is reachable from outside; it forwards to the services by their AppHost names.
        var gateway = builder.AddProject<Projects.Gateway>("gateway")
            .WithHttpEndpoint(port: settings.GatewayPort, name: "http", isProxied: false)
            .WithExternalHttpEndpoints()
            .WithReference(infrastructure.Databases["gatewaydb"]);
        foreach (var service in services)
        {
            gateway.WaitFor(service);
        }

        foreach (var project in services.Append(gateway))
        {
            project
                .WithReference(infrastructure.RabbitMq)
                .WithReference(infrastructure.Redis)
                .WithReference(infrastructure.Smtp)
                .WithReference(infrastructure.ClamAv)
                .WithEnvironment("PublicBaseUrl", gateway.GetEndpoint("http"))
                .WithEnvironment("Auth__InternalKey", secrets.InternalKey)
                .WithEnvironment("Turn__Secret", secrets.TurnSecret)
                .WithEnvironment("Identity__DocumentNumberKey", secrets.DocumentNumberKey)
                .WithEnvironment("Mail__Maildir", infrastructure.MailDirectory)
                .WithEnvironment("Documents__StoragePath", Path.Combine(settings.RunDirectory, "documents"))
                .WithEnvironment("DOTNET_ENVIRONMENT", settings.ServicesEnvironment)
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", settings.ServicesEnvironment)
                .WithHttpHealthCheck("/health");
            for (var i = 0; i < infrastructure.TurnUrls.Count; i++)
            {
                project.WithEnvironment($"Turn__Urls__{i}", infrastructure.TurnUrls[i]);
            }
            if (settings.Instance.Length > 0)
            {
                project.WithEnvironment("Redis__KeyPrefix", $"{settings.Instance}:");
            }
            foreach (var other in services.Where(s => s != project))
            {
                project.WithReference(other);
            }
            project.WithReference(gateway);
            foreach (var dependency in infrastructure.Ready)
            {
                project.WaitFor(dependency);
            }
            foreach (var dependency in infrastructure.Completed)
            {
                project.WaitForCompletion(dependency);
            }
        }
        return gateway;
    }
}
