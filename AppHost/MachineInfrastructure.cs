using System.Globalization;

namespace Municipal.AppHost;

/// <summary>
/// The infrastructure already running on this machine, started from the Debian packages by scripts/lib/infra.sh:
/// the shared set (scripts/test's instance, on its own databases, RabbitMQ virtual host and Redis key prefix) or a
/// private set a run stops and restarts itself (scripts/fault-day). Chosen when <c>Municipal:Machine:PostgresPort</c>
/// is given. The AppHost only names it: the connection strings are written here, as for the other two kinds, so that
/// no script repeats the services' environment contract; the scripts only start the servers and say on which ports.
/// </summary>
internal static class MachineInfrastructure
{
    public static SystemInfrastructure Add(IDistributedApplicationBuilder builder, AppHostSettings settings, MachineSettings machine)
    {
        string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
        // The instance's own databases and virtual host on the shared servers, named as scripts/lib/infra.sh makes them.
        // Loopback only: TLS to a Postgres on 127.0.0.1 protects nothing and cost a quarter of the booking service's
        // CPU (README, figures); a city's connection strings (deploy/kubernetes) require it.
        var prefix = settings.Instance.Length == 0 ? "" : settings.Instance.Replace('-', '_') + "_";
        var databases = SystemInfrastructure.DatabaseNames.ToDictionary(name => name, name =>
            (IResourceBuilder<IResourceWithConnectionString>)builder.AddConnectionString(name, b =>
                b.AppendLiteral($"Host=127.0.0.1;Port={Text(machine.PostgresPort)};Database={prefix}{name};Username=municipal;Password=municipal;SSL Mode=Disable")));
        var virtualHost = settings.Instance.Length == 0 ? "" : "/" + settings.Instance;

        IResourceBuilder<IResourceWithConnectionString> Server(string name, string connectionString) =>
            builder.AddConnectionString(name, b => b.AppendLiteral(connectionString));

        return new SystemInfrastructure(
            databases,
            Server("rabbitmq", $"amqp://guest:guest@127.0.0.1:{Text(machine.RabbitMqPort)}{virtualHost}"),
            Server("redis", $"127.0.0.1:{Text(machine.RedisPort)}"),
            Server("smtp", $"smtp://127.0.0.1:{Text(machine.SmtpPort)}"),
            Server("clamav", $"tcp://127.0.0.1:{Text(machine.ClamdPort)}"),
            [
                ReferenceExpression.Create($"turn:127.0.0.1:{Text(machine.TurnPort)}?transport=udp"),
                ReferenceExpression.Create($"turn:127.0.0.1:{Text(machine.TurnPort)}?transport=tcp"),
            ],
            // The scripts start the servers and wait for each before they start this AppHost.
            [],
            [],
            machine.MailDirectory,
            ClamdReadsStorage: true);
    }
}

/// <summary>Where the machine's infrastructure listens (<c>Municipal:Machine:*</c>) and where its SMTP sink writes.</summary>
internal sealed record MachineSettings(int PostgresPort, int RedisPort, int RabbitMqPort, int ClamdPort, int SmtpPort, int TurnPort, string MailDirectory)
{
    public static MachineSettings? From(IConfigurationSection section) =>
        section.GetValue<int?>("PostgresPort") is not { } postgres ? null : new MachineSettings(
            postgres,
            section.GetValue("RedisPort", 6379),
            section.GetValue("RabbitMqPort", 5672),
            section.GetValue("ClamdPort", 3310),
            section.GetValue("SmtpPort", 2525),
            section.GetValue("TurnPort", 3478),
            section["MailDirectory"] ?? "/var/tmp/municipal-mail");
}
