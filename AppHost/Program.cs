// The one orchestrator: which processes run, with which environment, in which order. Infrastructure from the Debian
// packages as executables where no container runtime answers (these machines), as containers where one does, or the
// machine's own already running (scripts/test, scripts/fault-day); the five services and the gateway as projects.
// scripts/run starts this; the dashboard shows all of it.
using Municipal.AppHost;

var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
{
    Args = args,
    DisableDashboard = !AppHostSettings.DashboardWanted(args),
});
var settings = AppHostSettings.From(builder);
LocalSecrets.AddTo(builder.Configuration, settings.LocalDirectory);

var secrets = new SystemProjects.Secrets(
    builder.AddParameter("internal-key", secret: true),
    builder.AddParameter("turn-secret", secret: true),
    builder.AddParameter("document-number-key", secret: true));

var infrastructure = settings.Machine is { } machine ? MachineInfrastructure.Add(builder, settings, machine)
    : settings.Containers ? ContainerInfrastructure.Add(builder, settings, secrets.TurnSecret)
    : ExecutableInfrastructure.Add(builder, settings, secrets.TurnSecret);

var gateway = SystemProjects.Add(builder, settings, infrastructure, secrets);
ResolvedContract.WriteWhenReady(builder, settings, gateway);
ResourceLogFiles.Write(builder, settings);

builder.Build().Run();
