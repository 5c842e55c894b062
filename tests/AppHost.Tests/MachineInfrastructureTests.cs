using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Municipal.AppHost.Tests;

/// <summary>
/// Issue 14 item 1: scripts/test and the fault day run the system under the AppHost on the infrastructure the scripts
/// started (<c>Municipal:Machine:*</c>), so that the environment contract is written in the AppHost only. The model,
/// built and not started, must give every project the same keys as when the AppHost runs infrastructure of its own,
/// pointing at the given ports, with the instance's own databases, virtual host and Redis prefix.
/// </summary>
public sealed class MachineInfrastructureTests
{
    [Fact]
    public async Task On_the_machines_infrastructure_every_project_gets_the_same_contract_pointing_at_the_given_servers()
    {
        var own = await EnvironmentAsync("--Municipal:Containers=false");
        var machine = await EnvironmentAsync(
            "--Municipal:Machine:PostgresPort=15432", "--Municipal:Machine:RedisPort=16379", "--Municipal:Machine:RabbitMqPort=15672",
            "--Municipal:Machine:ClamdPort=13310", "--Municipal:Machine:SmtpPort=12525", "--Municipal:Machine:TurnPort=13478",
            "--Municipal:Machine:MailDirectory=/var/tmp/some-mail", "--Municipal:ServicePortBase=15200");

        Assert.Equal(own.Keys.Order(), machine.Keys.Order());
        foreach (var (project, environment) in machine)
        {
            Assert.Equal(own[project].Keys.Order(), environment.Keys.Order());
            Assert.Equal("amqp://guest:guest@127.0.0.1:15672/machine-test", environment["ConnectionStrings__rabbitmq"]);
            Assert.Equal("127.0.0.1:16379", environment["ConnectionStrings__redis"]);
            Assert.Equal("smtp://127.0.0.1:12525", environment["ConnectionStrings__smtp"]);
            Assert.Equal("tcp://127.0.0.1:13310", environment["ConnectionStrings__clamav"]);
            Assert.Equal("turn:127.0.0.1:13478?transport=udp", environment["Turn__Urls__0"]);
            Assert.Equal("/var/tmp/some-mail", environment["Mail__Maildir"]);
            Assert.Equal("machine-test:", environment["Redis__KeyPrefix"]);
            // One origin for pages and mail links: the address the scripts print, not the endpoint's "localhost".
            Assert.Equal("http://127.0.0.1:8080", environment["PublicBaseUrl"]);
        }
        Assert.Contains("Port=15432;Database=machine_test_bookingdb;Username=municipal;", machine["booking"]["ConnectionStrings__bookingdb"]);
        Assert.Contains("Port=15432;Database=machine_test_gatewaydb;", machine["gateway"]["ConnectionStrings__gatewaydb"]);
        Assert.DoesNotContain("ConnectionStrings__formdb", machine["booking"].Keys);
    }

    /// <summary>A value known without running (literals, connection strings written out); endpoints are allocated only at run time.</summary>
    private static async Task<string> ResolveAsync(object value)
    {
        if (value is string text) return text;
        if (value is not IValueProvider provider) return value.ToString() ?? "";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            return await provider.GetValueAsync(timeout.Token) ?? "";
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            return "(resolved at run time)";
        }
    }

    /// <summary>Project resource → the environment the AppHost gives it, values resolved (nothing started).</summary>
    private static async Task<Dictionary<string, Dictionary<string, string>>> EnvironmentAsync(params string[] args)
    {
        var local = Path.Combine(Path.GetTempPath(), $"municipal-machine-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Municipal:Instance=machine-test", $"--Municipal:LocalDirectory={local}", .. args]);
        await using var app = await builder.BuildAsync();
        try
        {
            var context = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var result = new Dictionary<string, Dictionary<string, string>>();
            foreach (var project in model.Resources.OfType<ProjectResource>())
            {
                var environment = new Dictionary<string, object>();
                var callbackContext = new EnvironmentCallbackContext(context, project, environment);
                foreach (var annotation in project.Annotations.OfType<EnvironmentCallbackAnnotation>()) await annotation.Callback(callbackContext);
                var values = new Dictionary<string, string>();
                foreach (var (key, value) in environment)
                {
                    // Endpoints are allocated only when the AppHost runs; what is known without that is compared.
                    values[key] = await ResolveAsync(value);
                }
                result[project.Name] = values;
            }
            return result;
        }
        finally
        {
            if (Directory.Exists(local)) Directory.Delete(local, recursive: true);
        }
    }
}
