using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Municipal.AppHost;

/// <summary>
/// Writes the environment contract as this run resolved it — the connection strings, URLs and paths the AppHost gave
/// the services — to <c>contract.json</c> in the run directory once the gateway is healthy (docs/CONVENTIONS.md,
/// "The resolved contract"). The tests and the benchmarks read it (tests/Testing/TestEnvironment.cs), so the contract
/// is written in this AppHost only and not copied into the scripts that start it.
/// </summary>
internal static class ResolvedContract
{
    public const string FileName = "contract.json";
    public const string SecretsFileName = "contract.secrets.env";

    public static void WriteWhenReady(IDistributedApplicationBuilder builder, AppHostSettings settings, IResourceBuilder<ProjectResource> gateway)
    {
        var path = Path.Combine(Directory.CreateDirectory(settings.RunDirectory).FullName, FileName);
        // A file left by an earlier run must not be mistaken for this one's.
        File.Delete(path);
        File.Delete(Path.Combine(settings.RunDirectory, SecretsFileName));
        // Aspire's own health check of the gateway backs off while it is unhealthy (1, 2, 3, 4, then every 5 s), so
        // its ready event came up to 5 s after the gateway was healthy: the contract is written as soon as a check of
        // our own, every 200 ms, finds the gateway's /health answering 200.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(gateway.Resource, (started, _) =>
        {
            var stopping = started.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var logger = started.Services.GetRequiredService<ResourceLoggerService>().GetLogger(gateway.Resource);
            Task.Run(async () =>
            {
                try
                {
                    await UntilGatewayHealthyAsync(settings.GatewayPort, stopping);
                    await WriteAsync(builder, settings, gateway, path, started.Services, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    // Stopped before the gateway was healthy: nothing to write.
                }
                catch (Exception failure)
                {
                    logger.LogError(failure, "{File} is not written.", FileName);
                }
            }, stopping);
            return Task.CompletedTask;
        });
    }

    private static async Task UntilGatewayHealthyAsync(int port, CancellationToken stopping)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var health = new Uri($"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/health");
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(health, stopping);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !stopping.IsCancellationRequested))
            {
                // Not listening yet, or its answer took longer than the timeout: ask again.
            }
            await Task.Delay(200, stopping);
        }
    }

    private static async Task WriteAsync(IDistributedApplicationBuilder builder, AppHostSettings settings,
        IResourceBuilder<ProjectResource> gateway, string path, IServiceProvider services, CancellationToken cancellationToken)
    {
        var executionContext = services.GetRequiredService<DistributedApplicationExecutionContext>();
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(gateway.Resource);
        var model = builder.Resources;
        var projects = model.OfType<ProjectResource>().ToList();
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secrets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var perProcess = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var resolved = await ExecutionConfigurationBuilder.Create(project).WithEnvironmentVariablesConfig()
                .BuildAsync(executionContext, logger, cancellationToken);
            if (resolved.Exception is { } failure)
            {
                logger.LogError(failure, "The environment of {Project} could not be resolved; {File} is not written.", project.Name, FileName);
                return;
            }
            foreach (var (key, value) in resolved.EnvironmentVariables)
            {
                // Secrets go to a file of their own that only this user reads; the telemetry wiring is each process's own.
                if (SystemProjects.SecretKeys.Contains(key))
                {
                    secrets[key] = value;
                    continue;
                }
                if (key.StartsWith("OTEL_", StringComparison.Ordinal))
                {
                    continue;
                }
                // What differs between the processes (their own URL, their service name) is not the contract.
                if (environment.TryGetValue(key, out var other) && other != value)
                {
                    perProcess.Add(key);
                }
                environment[key] = value;
            }
        }
        foreach (var key in perProcess)
        {
            environment.Remove(key);
        }

        var rabbitmq = model.FirstOrDefault(r => r.Name == "rabbitmq") as IResourceWithEndpoints;
        var management = rabbitmq?.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == "management") == true
            ? new EndpointReference(rabbitmq, "management").Url
            : null;

        // The secrets under the names the services read them (scripts/test hands them to the test processes,
        // which start services of their own); written first, so a contract on disk means both are there.
        var secretsPath = Path.Combine(settings.RunDirectory, SecretsFileName);
        var secretsTemporary = secretsPath + ".tmp";
        await File.WriteAllTextAsync(secretsTemporary, "", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(secretsTemporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await File.WriteAllLinesAsync(secretsTemporary, secrets.Select(s => $"{s.Key}={s.Value}"), cancellationToken);
        File.Move(secretsTemporary, secretsPath, overwrite: true);

        var contract = new Contract(environment, management, settings.Instance, settings.RunDirectory);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(contract, Options), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        logger.LogInformation("The resolved environment contract is in {File}.", path);
    }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The file's shape: the services' environment (secrets left out) and what else a client of this run needs.</summary>
    private sealed record Contract(
        IReadOnlyDictionary<string, string> Environment,
        string? RabbitMqManagement,
        string Instance,
        string RunDirectory);
}
