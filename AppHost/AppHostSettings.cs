using System.Diagnostics;

namespace Municipal.AppHost;

/// <summary>
/// What differs between copies of the system on one machine (configuration section <c>Municipal</c>, e.g.
/// <c>Municipal__GatewayPort</c> from scripts/run or <c>--Municipal:GatewayPort=…</c> from a test): the gateway's port
/// (and its HTTPS port, <c>GatewayHttpsPort</c>, only where set: HTTP/2 for the browser, see gateway/Security/LocalCertificate.cs),
/// the services' ports, the replicas, and the ports and folder of the infrastructure this AppHost starts itself.
/// </summary>
internal sealed record AppHostSettings(
    string Instance,
    int GatewayPort,
    int? GatewayHttpsPort,
    int? ServicePortBase,
    int Replicas,
    int InfrastructurePortBase,
    string LocalDirectory,
    bool Containers,
    string ServicesEnvironment,
    IReadOnlyDictionary<string, string> ServiceSettings,
    bool Dashboard,
    MachineSettings? Machine,
    string? PublicBaseUrlSetting)
{
    /// <summary>The infrastructure's ports, counted from <see cref="InfrastructurePortBase"/> (23000 unless set).</summary>
    public int PostgresPort => InfrastructurePortBase;
    public int RedisPort => InfrastructurePortBase + 1;
    public int RabbitMqPort => InfrastructurePortBase + 2;
    public int RabbitMqManagementPort => InfrastructurePortBase + 3;
    public int RabbitMqDistributionPort => InfrastructurePortBase + 4;
    public int ClamdPort => InfrastructurePortBase + 5;
    public int SmtpPort => InfrastructurePortBase + 6;
    public int TurnPort => InfrastructurePortBase + 7;
    // coturn's relay ports: a range of this copy's own, away from the shared coturn's 49160–49200.
    public int TurnRelayMinPort => InfrastructurePortBase + 50;
    public int TurnRelayMaxPort => InfrastructurePortBase + 89;

    /// <summary>The address in residents' links (<c>Municipal:PublicBaseUrl</c>; the gateway on 127.0.0.1 unless set).</summary>
    public string PublicBaseUrl => PublicBaseUrlSetting ?? $"http://127.0.0.1:{GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Data, logs and mails of this copy: <c>.local/apphost</c> or <c>.local/apphost-{instance}</c>.</summary>
    public string RunDirectory => Path.Combine(LocalDirectory, Instance.Length == 0 ? "apphost" : $"apphost-{Instance}");

    public static AppHostSettings From(IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Municipal");
        var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var local = section["LocalDirectory"] ?? Environment.GetEnvironmentVariable("MUNICIPAL_LOCAL") ?? Path.Combine(repository, ".local");
        return new AppHostSettings(
            Instance: section["Instance"] ?? "",
            GatewayPort: section.GetValue("GatewayPort", 8080),
            GatewayHttpsPort: section.GetValue<int?>("GatewayHttpsPort"),
            ServicePortBase: section.GetValue<int?>("ServicePortBase"),
            Replicas: section.GetValue("Replicas", 1),
            InfrastructurePortBase: section.GetValue("InfrastructurePortBase", 23000),
            LocalDirectory: Path.GetFullPath(local),
            // Asked only when the AppHost starts infrastructure of its own.
            Containers: section.GetValue<bool?>("Containers") ?? (section.GetSection("Machine")["PostgresPort"] is null && ContainerRuntimeAnswers()),
            ServicesEnvironment: section["ServicesEnvironment"] ?? "Development",
            ServiceSettings: Flatten(section.GetSection("ServiceSettings")),
            Dashboard: section.GetValue("Dashboard", true),
            Machine: MachineSettings.From(section.GetSection("Machine")),
            PublicBaseUrlSetting: section["PublicBaseUrl"]);
    }

    /// <summary>
    /// Whether the AppHost starts the Aspire dashboard (<c>Municipal:Dashboard</c>, true unless set): read before the
    /// builder exists, because the builder's options decide it. scripts/test and scripts/bench leave it out (no
    /// operator watches, and the services then export no telemetry that would cost the run CPU).
    /// </summary>
    public static bool DashboardWanted(string[] args) =>
        new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build()
            .GetSection("Municipal").GetValue("Dashboard", true);

    /// <summary>
    /// <c>Municipal:ServiceSettings</c> as environment variables for every project: <c>RateLimits:SignInPerIp</c> (or
    /// <c>RateLimits__SignInPerIp</c>) becomes <c>RateLimits__SignInPerIp</c>. The explicit way for a run to set what
    /// the services read beyond the contract (scripts/test lifts the per-IP budgets, shortens Booking:MissedAfter).
    /// </summary>
    private static Dictionary<string, string> Flatten(IConfigurationSection section) =>
        section.AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value!, StringComparer.Ordinal);

    /// <summary>Whether a container runtime answers here; a docker client without a daemon does not count.</summary>
    private static bool ContainerRuntimeAnswers()
    {
        foreach (var runtime in new[] { "docker", "podman" })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(runtime, "info")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (process is null)
                {
                    continue;
                }
                if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    process.Kill(entireProcessTree: true);
                    continue;
                }
                if (process.ExitCode == 0)
                {
                    return true;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed.
            }
        }
        return false;
    }
}
