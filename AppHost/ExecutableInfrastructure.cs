using System.Net;

namespace Municipal.AppHost;

/// <summary>
/// The infrastructure where no container runtime answers (these machines): PostgreSQL, Redis, RabbitMQ, clamd, the SMTP
/// sink and coturn from the Debian packages, each a resource of this AppHost with ports counted from
/// <c>Municipal:InfrastructurePortBase</c>, its data under <c>.local/apphost[-instance]</c> and a health check that asks the
/// server itself. Nothing here touches infrastructure started by others on this machine.
/// </summary>
internal static class ExecutableInfrastructure
{
    public static SystemInfrastructure Add(IDistributedApplicationBuilder builder, AppHostSettings settings, IResourceBuilder<ParameterResource> turnSecret)
    {
        var run = settings.RunDirectory;
        var scripts = Path.Combine(builder.AppHostDirectory, "Infrastructure");
        string Folder(string name) => Directory.CreateDirectory(Path.Combine(run, name)).FullName;
        string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var postgres = builder.AddExecutable("postgres", Path.Combine(scripts, "postgres.sh"), run, Path.Combine(run, "postgres"), Text(settings.PostgresPort))
            .WithEndpoint(port: settings.PostgresPort, name: "tcp", scheme: "tcp", isProxied: false)
            .WithCommandProbe("pg_isready", "-q", "-h", "127.0.0.1", "-U", "postgres", "-p", Text(settings.PostgresPort));
        var databasesMade = builder.AddExecutable("postgres-databases", Path.Combine(scripts, "postgres-databases.sh"), run,
                [Text(settings.PostgresPort), .. SystemInfrastructure.DatabaseNames])
            .WithParentRelationship(postgres)
            .WaitFor(postgres);
        var databases = SystemInfrastructure.DatabaseNames.ToDictionary(name => name, name =>
            (IResourceBuilder<IResourceWithConnectionString>)builder.AddConnectionString(name, b =>
                    b.AppendLiteral($"Host=127.0.0.1;Port={settings.PostgresPort};Database={name};Username=postgres;SSL Mode=Disable"))
                .WithParentRelationship(postgres));

        var redis = ServerResource.Add(builder, "redis", "redis-server", run, $"127.0.0.1:{settings.RedisPort}", "--bind", "127.0.0.1", "--port", Text(settings.RedisPort),
                // Append-only: the live queue survives a restart of Redis itself.
                "--dir", Folder("redis"), "--appendonly", "yes", "--save", "")
            .WithEndpoint(port: settings.RedisPort, name: "tcp", scheme: "tcp", isProxied: false)
            .WithTcpProbe(settings.RedisPort, ProbeHealthChecks.Ascii("PING\r\n"), ProbeHealthChecks.Ascii("+PONG"));

        var node = $"municipal{(settings.Instance.Length == 0 ? "" : "-" + settings.Instance)}-{settings.RabbitMqPort}@{Dns.GetHostName().Split('.')[0]}";
        var rabbitmq = ServerResource.Add(builder, "rabbitmq", Path.Combine(scripts, "rabbitmq.sh"), run,
                $"amqp://guest:guest@127.0.0.1:{settings.RabbitMqPort}", Folder("rabbitmq"), node,
                Text(settings.RabbitMqPort), Text(settings.RabbitMqManagementPort), Text(settings.RabbitMqDistributionPort))
            .WithEndpoint(port: settings.RabbitMqPort, name: "tcp", scheme: "tcp", isProxied: false)
            .WithHttpEndpoint(port: settings.RabbitMqManagementPort, name: "management", isProxied: false)
            // The AMQP 0-9-1 protocol header; a broker that is up answers with connection.start (a method frame, type 1).
            .WithTcpProbe(settings.RabbitMqPort, [.. ProbeHealthChecks.Ascii("AMQP"), 0, 0, 9, 1], [1]);

        var clamav = ServerResource.Add(builder, "clamav", Path.Combine(scripts, "clamd.sh"), run, $"tcp://127.0.0.1:{settings.ClamdPort}",
                Folder("clamav"), Text(settings.ClamdPort))
            .WithEndpoint(port: settings.ClamdPort, name: "tcp", scheme: "tcp", isProxied: false)
            .WithTcpProbe(settings.ClamdPort, ProbeHealthChecks.Ascii("zPING\0"), ProbeHealthChecks.Ascii("PONG"));

        // A Maildir (new, cur, tmp) that the gateway's dev mailbox reads.
        var maildir = Folder("mail");
        foreach (var part in new[] { "new", "cur", "tmp" })
        {
            Folder(Path.Combine("mail", part));
        }
        var smtp = ServerResource.Add(builder, "smtp", "/usr/bin/python3", run, $"smtp://127.0.0.1:{settings.SmtpPort}", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{settings.SmtpPort}",
                "-c", "aiosmtpd.handlers.Mailbox", maildir)
            .WithEndpoint(port: settings.SmtpPort, name: "smtp", scheme: "smtp", isProxied: false)
            .WithTcpProbe(settings.SmtpPort, [], ProbeHealthChecks.Ascii("220"));

        var turn = builder.AddExecutable("turn", "turnserver", run, "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
                $"--listening-port={settings.TurnPort}", "--use-auth-secret", "--realm=municipal.local", "--allow-loopback-peers",
                "--no-cli", "--no-tls", "--no-dtls", "--fingerprint", $"--min-port={settings.TurnRelayMinPort}",
                $"--max-port={settings.TurnRelayMaxPort}", "--log-file=stdout", "--simple-log")
            .WithArgs(context => context.Args.Add(ReferenceExpression.Create($"--static-auth-secret={turnSecret}")))
            .WithEndpoint(port: settings.TurnPort, name: "turn", scheme: "tcp", isProxied: false)
            .WithTcpProbe(settings.TurnPort, [], []);

        return new SystemInfrastructure(
            databases,
            rabbitmq,
            redis,
            smtp,
            clamav,
            [
                ReferenceExpression.Create($"turn:127.0.0.1:{Text(settings.TurnPort)}?transport=udp"),
                ReferenceExpression.Create($"turn:127.0.0.1:{Text(settings.TurnPort)}?transport=tcp"),
            ],
            [postgres, redis, rabbitmq, clamav, smtp, turn],
            [databasesMade],
            maildir,
            ClamdReadsStorage: true);
    }
}
