using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Municipal.AppHost.Tests;

/// <summary>
/// The whole system started the Aspire way: the AppHost through <see cref="DistributedApplicationTestingBuilder"/>,
/// with its own infrastructure (ports from <c>APPHOST_TEST_PORT_BASE</c>, 23100: away from the machine's shared set,
/// scripts/run's AppHost on 23000 and the tests' scripted instance on 8180/5200), its dashboard with a telemetry API
/// key, and every resource healthy before a test runs.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    // What scripts/test exports for its own scripted instance must not reach this AppHost's resources, which inherit
    // the environment of the process that starts them.
    private static readonly string[] InheritedPrefixes =
        ["ConnectionStrings__", "services__", "Redis__", "Turn__", "Identity__", "Auth__", "Mail__", "Documents__", "PublicBaseUrl", "OTEL_"];

    public static readonly int PortBase = int.TryParse(Environment.GetEnvironmentVariable("APPHOST_TEST_PORT_BASE"), out var port) ? port : 23100;

    public string ApiKey { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public LoginUrlCapture Login { get; } = new();
    public Uri Gateway { get; } = new($"http://127.0.0.1:{PortBase + 90}");
    public Uri Dashboard { get; } = new($"http://127.0.0.1:{PortBase + 95}");
    public string RunDirectory { get; } = Path.Combine(RepositoryRoot, ".local", "apphost-apphost-tests");

    private readonly System.Collections.Concurrent.ConcurrentBag<string> hidden = [];

    public DistributedApplication App { get; private set; } = null!;
    public IReadOnlyList<IResource> Resources { get; private set; } = [];

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Municipal.sln")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("Municipal.sln not found above the test's folder.");
        }
    }

    public async Task InitializeAsync()
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>()
                     .Where(n => InheritedPrefixes.Any(p => n.StartsWith(p, StringComparison.OrdinalIgnoreCase))))
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        // Every run from nothing: a fresh Postgres cluster, RabbitMQ node, Redis, Maildir.
        if (Directory.Exists(RunDirectory))
        {
            Directory.Delete(RunDirectory, recursive: true);
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "--Municipal:Instance=apphost-tests",
                $"--Municipal:InfrastructurePortBase={PortBase}",
                $"--Municipal:GatewayPort={Gateway.Port}",
                // HTTPS beside HTTP, as scripts/run starts it: the gateway must still turn healthy in the dashboard.
                $"--Municipal:GatewayHttpsPort={PortBase + 91}",
                "--Municipal:Containers=false",
                // A run's own setting, which every project and the resolved contract must show.
                "--Municipal:ServiceSettings:AppHostTests:Marker=from-the-test",
                $"--AppHost:DashboardApiKey={ApiKey}",
                // The infrastructure listens on the ports its arguments name; they must not be moved.
                "--DcpPublisher:RandomizePorts=false",
                $"--ASPNETCORE_URLS={Dashboard}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{PortBase + 96}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{PortBase + 97}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            ],
            (options, _) =>
            {
                options.DisableDashboard = false;
                options.AllowUnsecuredTransport = true;
            });
        builder.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Login);
        App = await builder.BuildAsync();
        Resources = App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(r => r is not ParameterResource)
            .ToList();

        // Its own infrastructure and seven .NET processes start while the other test assemblies run on the same cores:
        // on a slow day here (2026-12-02, evening) the gateway alone took 7.5 minutes to listen, and the whole start 8.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await App.StartAsync(timeout.Token);
        try
        {
            await Task.WhenAll(Resources.Select(r => WaitReadyAsync(r, timeout.Token)));
            Resources = Resources.Where(r => !hidden.Contains(r.Name)).ToList();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Not every resource became healthy in time:\n{DescribeStates()}");
        }
    }

    /// <summary>
    /// A one-shot (the databases made) has finished; everything else reports healthy. Aspire's own hidden helpers
    /// (a project's "-rebuilder", started only on demand) are not shown to operators and are left out.
    /// </summary>
    private async Task WaitReadyAsync(IResource resource, CancellationToken cancellationToken)
    {
        var ready = await App.ResourceNotifications.WaitForResourceAsync(resource.Name, e => e.Snapshot.IsHidden
            || (IsOneShot(resource) ? e.Snapshot.State?.Text == KnownResourceStates.Finished : e.Snapshot.HealthStatus == HealthStatus.Healthy),
            cancellationToken);
        if (ready.Snapshot.IsHidden)
        {
            hidden.Add(resource.Name);
        }
    }

    public static bool IsOneShot(IResource resource) => resource.Name == "postgres-databases";

    public string DescribeStates() => string.Join("\n", Resources.Select(r =>
        App.ResourceNotifications.TryGetCurrentState(r.Name, out var e)
            ? $"{r.Name}: {e.Snapshot.State?.Text} health={e.Snapshot.HealthStatus?.ToString() ?? "-"} exit={e.Snapshot.ExitCode?.ToString() ?? "-"}"
            : $"{r.Name}: no state"));

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
