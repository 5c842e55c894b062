using System.Reflection;

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

    /// <summary>Settings every project gets that hold a secret: never written into the resolved contract.</summary>
    public static readonly IReadOnlySet<string> SecretKeys = new HashSet<string>(StringComparer.Ordinal)
        { "Auth__InternalKey", "Turn__Secret", "Identity__DocumentNumberKey" };

    public static IResourceBuilder<ProjectResource> Add(IDistributedApplicationBuilder builder, AppHostSettings settings,
        SystemInfrastructure infrastructure, Secrets secrets)
    {
        // Replicas are resources of their own ("booking", "booking-2", …), each on its own port (base+1…5, base+11…15,
        // …), and every project is told each one's URL (services__booking__http__0, __1, …) as the scripted start did:
        // the gateway balances them itself, with the affinity SignalR needs between negotiate and the WebSocket.
        // WithReplicas would put DCP's proxy in front, which spreads TCP connections without affinity (aspire#1660).
        var replicas = Services.Select((service, i) => Enumerable.Range(0, Math.Max(1, settings.Replicas)).Select(r =>
            {
                int? port = settings.ServicePortBase is { } portBase ? portBase + i + 1 + 10 * r : null;
                var replica = service.Add(builder, r == 0 ? service.Name : $"{service.Name}-{r + 1}")
                    .LaunchedBuilt(settings)
                    // A fixed port needs no proxy in between; without one Aspire picks the port and proxies.
                    .WithHttpEndpoint(port: port, name: "http", isProxied: port is null)
                    .WithReference(infrastructure.Databases[service.Database]);
                if (r > 0)
                {
                    // One service in the traces, whichever replica answered.
                    replica.WithEnvironment("OTEL_SERVICE_NAME", service.Name);
                }
                return replica;
            }).ToList())
            .ToList();
        var services = replicas.Select(r => r[0]).ToList();

        // Only the gateway is reachable from outside; it forwards to the services by their AppHost names.
        var gateway = builder.AddProject<Projects.Gateway>("gateway")
            .LaunchedBuilt(settings)
            .WithHttpEndpoint(port: settings.GatewayPort, name: "http", isProxied: false)
            .WithExternalHttpEndpoints()
            .WithReference(infrastructure.Databases["gatewaydb"]);
        if (settings.GatewayHttpsPort is { } httpsPort)
        {
            gateway.WithHttpsEndpoint(port: httpsPort, name: "https", isProxied: false);
        }
        // The gateway starts beside the services, not after them: its own /health is healthy only once every service's
        // is (ServicesHealthCheck), and until then its proxy keeps trying them (YARP's health checks). Waiting for them
        // first added the gateway's whole start (5 s here) to the system's.

        foreach (var project in replicas.SelectMany(r => r).Append(gateway))
        {
            for (var i = 0; i < replicas.Count; i++)
            {
                for (var r = 1; r < replicas[i].Count; r++)
                {
                    project.WithEnvironment($"services__{Services[i].Name}__http__{r}", replicas[i][r].GetEndpoint("http"));
                }
            }
            project
                .WithReference(infrastructure.RabbitMq)
                .WithReference(infrastructure.Redis)
                .WithReference(infrastructure.Smtp)
                .WithReference(infrastructure.ClamAv)
                // The address residents' mail links and pages share: 127.0.0.1, as the scripts print it (the
                // endpoint's own URL says localhost, another origin to a browser, with other cookies).
                .WithEnvironment("PublicBaseUrl", settings.PublicBaseUrl)
                .WithEnvironment("Auth__InternalKey", secrets.InternalKey)
                .WithEnvironment("Turn__Secret", secrets.TurnSecret)
                .WithEnvironment("Identity__DocumentNumberKey", secrets.DocumentNumberKey)
                .WithEnvironment("Mail__Maildir", infrastructure.MailDirectory)
                .WithEnvironment("Documents__StoragePath", Path.Combine(settings.RunDirectory, "documents"))
                .WithEnvironment("Documents__ScanStoredFile", infrastructure.ClamdReadsStorage ? "true" : "false")
                .WithEnvironment("DOTNET_ENVIRONMENT", settings.ServicesEnvironment)
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", settings.ServicesEnvironment)
                // The runtime's own tiering delay, not the AppHost's second (scripts/lib/apphost.sh), which the projects
                // would otherwise inherit: a service under steady load compiles a new method now and then, so with a
                // second of quiet required its hot paths were never recompiled (free slots 3,000–3,700 req/s, not 8,000).
                .WithEnvironment("DOTNET_TC_CallCountingDelayMs", "100")
                // Asked over plain HTTP: without a name Aspire takes the gateway's https endpoint, whose self-signed
                // certificate its checker does not trust, and showed the gateway "Unhealthy" for good.
                .WithHttpHealthCheck("/health", endpointName: "http");
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
            if (!settings.Dashboard)
            {
                // No dashboard receives telemetry: the projects export none (ServiceDefaults exports only to an
                // endpoint it is given), rather than to another copy's dashboard on the default port.
                project.WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
            }
            // Last, so that a run's own settings (Municipal:ServiceSettings) are what the project reads.
            foreach (var (key, value) in settings.ServiceSettings)
            {
                project.WithEnvironment(key, value);
            }
        }
        return gateway;
    }

    /// <summary>
    /// Runs the project's program itself rather than <c>dotnet run --no-build</c>, which Aspire uses for projects: every
    /// <c>dotnet run</c> evaluates its project with MSBuild first, 2.4–2.8 CPU-seconds each on this machine, six at
    /// once, before it starts the program (4 s of the system's start). The program is the one the scripts compiled
    /// ahead of time (<c>.local/programs/&lt;configuration&gt;/&lt;project&gt;</c>, scripts/lib/services.sh,
    /// publish_programs) when that is at least as new as the project's build, else the build's own, where
    /// <c>dotnet run</c> would find it (the repository's convention: assembly <c>Municipal.{project}</c>). Where neither
    /// is there, Aspire's <c>dotnet run</c> stays. The working directory stays the project's, so the gateway finds its
    /// <c>wwwroot</c> as before; the dashboard still shows a project.
    /// </summary>
    private static IResourceBuilder<ProjectResource> LaunchedBuilt(this IResourceBuilder<ProjectResource> project, AppHostSettings settings)
    {
        var projectPath = project.Resource.GetProjectMetadata().ProjectPath;
        var directory = Path.GetDirectoryName(projectPath)!;
        var name = Path.GetFileNameWithoutExtension(projectPath);
        var build = new DirectoryInfo(Path.Combine(directory, "bin", BuildConfiguration, "net10.0"));
        var built = Path.Combine(build.FullName, $"Municipal.{name}");
        var programs = Path.Combine(settings.LocalDirectory, "programs", BuildConfiguration);
        var published = Path.Combine(programs, name, $"Municipal.{name}");
        var stamp = new FileInfo(Path.Combine(programs, ".published"));
        var program = File.Exists(built) && File.Exists(published) && stamp.Exists
            && build.EnumerateFiles("*.dll").All(f => f.LastWriteTimeUtc <= stamp.LastWriteTimeUtc) ? published
            : File.Exists(built) ? built
            : null;
        if (program is not null)
        {
            project.WithAnnotation(new ExecutableAnnotation { Command = program, WorkingDirectory = directory }, ResourceAnnotationMutationBehavior.Replace);
        }
        return project;
    }

    /// <summary>Release or Debug: the configuration this AppHost was built in, which the solution's build shares.</summary>
    private static readonly string BuildConfiguration =
        typeof(SystemProjects).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
}
