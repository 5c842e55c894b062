using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Municipal.AppHost.Tests;

/// <summary>
/// Issue 14 item 6: deploy/kubernetes stays true to the AppHost. The AppHost's model (built, not started) says which
/// projects run and which environment each one reads; the manifests must run the same workloads and give each the
/// same keys — a resource, a connection string or an environment key on one side only fails here, unless it is one
/// of the few named below with the reason it belongs to one side.
/// </summary>
public sealed class ManifestTests
{
    private static string Manifests => Path.Combine(AppHostFixture.RepositoryRoot, "deploy", "kubernetes");

    /// <summary>Set by the AppHost for a copy on one machine, meaningless in a cluster.</summary>
    private static readonly Dictionary<string, string> LocalOnly = new()
    {
        ["Mail__Maildir"] = "the local SMTP sink's folder, read by the tests",
        ["Redis__KeyPrefix"] = "several copies share one Redis on a developer's machine",
        ["DOTNET_ENVIRONMENT"] = "the cluster names ASPNETCORE_ENVIRONMENT alone",
    };

    /// <summary>
    /// Environment Aspire itself gives every project it runs: telemetry wiring, ports, the dashboard, and each
    /// reference a second time as <c>BOOKING_HTTP</c> beside <c>services__booking__http__0</c> (which is what the
    /// services read).
    /// </summary>
    private static bool IsAspiresOwn(string key) =>
        new[] { "OTEL_", "ASPIRE_", "DOTNET_", "LOGGING__CONSOLE__", "HTTP_PORTS", "ASPNETCORE_URLS" }.Any(key.StartsWith)
        || System.Text.RegularExpressions.Regex.IsMatch(key, "^[A-Z]+_HTTPS?$");

    /// <summary>Set only in the cluster.</summary>
    private static readonly Dictionary<string, string> ClusterOnly = new()
    {
        ["ASPNETCORE_URLS"] = "the container's port (Aspire assigns ports locally)",
        ["OTEL_SERVICE_NAME"] = "Aspire names the service locally",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "the cluster's collector (locally the dashboard)",
        ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "the gateway behind the ingress",
        ["Messaging__QuorumQueues"] = "replicated queues on the three-node RabbitMQ cluster",
    };

    [Fact]
    public async Task Every_workload_and_every_environment_key_is_on_both_sides()
    {
        var (appHost, _) = await AppHostModelAsync();
        var cluster = ClusterEnvironment();
        var findings = new List<string>();

        foreach (var name in appHost.Keys.Except(cluster.Keys)) findings.Add($"{name}: in the AppHost, no Deployment in deploy/kubernetes");
        foreach (var name in cluster.Keys.Except(appHost.Keys)) findings.Add($"{name}: a Deployment in deploy/kubernetes, not in the AppHost");
        foreach (var name in appHost.Keys.Intersect(cluster.Keys))
        {
            // A service's own address is given on either side or not (the cluster's shared ConfigMap names all of them).
            var own = $"services__{name}__";
            var local = appHost[name].Where(key => !LocalOnly.ContainsKey(key) && !IsAspiresOwn(key) && !key.StartsWith(own)).ToHashSet();
            var deployed = cluster[name].Where(key => !ClusterOnly.ContainsKey(key) && !key.StartsWith(own)).ToHashSet();
            findings.AddRange(local.Except(deployed).Order().Select(key => $"{name}: {key} is set by the AppHost, not in the cluster"));
            findings.AddRange(deployed.Except(local).Order().Select(key => $"{name}: {key} is set in the cluster, not by the AppHost"));
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public async Task The_infrastructure_the_services_reach_runs_in_the_cluster_or_is_named_in_its_secrets()
    {
        var (appHost, resources) = await AppHostModelAsync();
        var connections = appHost.Values.SelectMany(keys => keys).Where(k => k.StartsWith("ConnectionStrings__")).ToHashSet();
        var documents = Documents().ToList();
        var named = documents.Where(d => Kind(d) is "ConfigMap" or "Secret").SelectMany(Keys).ToHashSet();
        Assert.Empty(connections.Except(named));
        // What the cluster runs itself besides the projects (rather than using a managed service outside it) is an
        // AppHost resource of the same name.
        var workloads = documents.Where(d => Kind(d) is "Deployment" or "DaemonSet" or "StatefulSet" or "RabbitmqCluster").Select(Name).ToHashSet();
        Assert.Empty(workloads.Except(resources));
    }

    [Fact]
    public void Every_project_names_the_image_the_manifests_run()
    {
        var images = Documents().Where(d => Kind(d) == "Deployment")
            .SelectMany(d => Containers(d).Select(c => (Deployment: Name(d), Image: (string)c["image"])))
            .Where(x => x.Image.Contains("/municipal/"))
            .ToList();
        Assert.Equal(6, images.Count);
        foreach (var (deployment, image) in images)
        {
            var project = Directory.EnumerateFiles(Path.Combine(AppHostFixture.RepositoryRoot), "*.csproj", SearchOption.AllDirectories)
                .Where(p => p.Contains($"{Path.DirectorySeparatorChar}services{Path.DirectorySeparatorChar}") || p.Contains($"{Path.DirectorySeparatorChar}gateway{Path.DirectorySeparatorChar}"))
                .Select(File.ReadAllText)
                .FirstOrDefault(text => text.Contains($"<ContainerRepository>municipal/{deployment}</ContainerRepository>"));
            Assert.True(project is not null, $"no project publishes the image of {deployment} ({image}): <ContainerRepository>municipal/{deployment}</ContainerRepository>");
            var tag = image[(image.LastIndexOf(':') + 1)..];
            Assert.Contains($"<ContainerImageTags>{tag}", File.ReadAllText(Path.Combine(AppHostFixture.RepositoryRoot, "Directory.Build.props")));
        }
    }

    /// <summary>
    /// Project resource → the environment keys the AppHost gives it (evaluated from its annotations, nothing started),
    /// and the names of all its resources.
    /// </summary>
    private static async Task<(Dictionary<string, HashSet<string>> Projects, HashSet<string> Resources)> AppHostModelAsync()
    {
        var local = Path.Combine(Path.GetTempPath(), $"municipal-manifest-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Municipal:Instance=manifest", $"--Municipal:LocalDirectory={local}", "--Municipal:Containers=false"]);
        await using var app = await builder.BuildAsync();
        try
        {
            var context = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var result = new Dictionary<string, HashSet<string>>();
            foreach (var project in model.Resources.OfType<ProjectResource>())
            {
                var environment = new Dictionary<string, object>();
                var callbackContext = new EnvironmentCallbackContext(context, project, environment);
                foreach (var annotation in project.Annotations.OfType<EnvironmentCallbackAnnotation>()) await annotation.Callback(callbackContext);
                result[project.Name] = environment.Keys.ToHashSet();
            }
            return (result, model.Resources.Select(r => r.Name).ToHashSet());
        }
        finally
        {
            if (Directory.Exists(local)) Directory.Delete(local, recursive: true);
        }
    }

    /// <summary>Deployment → every key its containers see: their env, and the ConfigMaps and Secrets they load whole.</summary>
    private static Dictionary<string, HashSet<string>> ClusterEnvironment()
    {
        var documents = Documents().ToList();
        var sources = documents.Where(d => Kind(d) is "ConfigMap" or "Secret").ToDictionary(Name, d => Keys(d).ToHashSet());
        var result = new Dictionary<string, HashSet<string>>();
        foreach (var deployment in documents.Where(d => Kind(d) == "Deployment" && Containers(d).Any(c => ((string)c["image"]).Contains("/municipal/"))))
        {
            var keys = new HashSet<string>();
            foreach (var container in Containers(deployment))
            {
                foreach (var variable in List(container, "env")) keys.Add((string)variable["name"]);
                foreach (var from in List(container, "envFrom"))
                {
                    var reference = (Dictionary<object, object>)(from.TryGetValue("configMapRef", out var c) ? c : from["secretRef"]);
                    var source = (string)reference["name"];
                    Assert.True(sources.ContainsKey(source), $"{Name(deployment)} loads {source}, which no manifest defines");
                    keys.UnionWith(sources[source]);
                }
            }
            result[Name(deployment)] = keys;
        }
        return result;
    }

    /// <summary>Every YAML document of the manifests, and of the secrets' example (the shape a city fills in).</summary>
    private static IEnumerable<Dictionary<object, object>> Documents()
    {
        var deserializer = new DeserializerBuilder().Build();
        foreach (var file in Directory.EnumerateFiles(Manifests, "*.yaml").Order())
        {
            using var reader = new StringReader(File.ReadAllText(file));
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                if (deserializer.Deserialize<Dictionary<object, object>?>(parser) is { } document) yield return document;
            }
        }
    }

    private static string? Kind(Dictionary<object, object> document) => document.TryGetValue("kind", out var kind) ? (string)kind : null;

    private static string Name(Dictionary<object, object> document) => (string)((Dictionary<object, object>)document["metadata"])["name"];

    private static IEnumerable<string> Keys(Dictionary<object, object> document) =>
        new[] { "data", "stringData" }.Where(document.ContainsKey).SelectMany(k => ((Dictionary<object, object>)document[k]).Keys.Cast<string>());

    private static IEnumerable<Dictionary<object, object>> Containers(Dictionary<object, object> deployment)
    {
        var template = (Dictionary<object, object>)((Dictionary<object, object>)deployment["spec"])["template"];
        return List((Dictionary<object, object>)template["spec"], "containers");
    }

    private static IEnumerable<Dictionary<object, object>> List(Dictionary<object, object> owner, string key) =>
        owner.TryGetValue(key, out var list) && list is List<object> items ? items.Cast<Dictionary<object, object>>() : [];
}
