namespace Municipal.AppHost;

/// <summary>
/// The infrastructure where a container runtime answers: Postgres with one database per service, RabbitMQ, Redis,
/// Mailpit, ClamAV and coturn as containers (Aspire's own health checks for Postgres, RabbitMQ and Redis).
/// </summary>
internal static class ContainerInfrastructure
{
    public static SystemInfrastructure Add(IDistributedApplicationBuilder builder, AppHostSettings settings, IResourceBuilder<ParameterResource> turnSecret)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var databases = SystemInfrastructure.DatabaseNames.ToDictionary(name => name,
            name => (IResourceBuilder<IResourceWithConnectionString>)postgres.AddDatabase(name));
        var rabbitmq = builder.AddRabbitMQ("rabbitmq").WithManagementPlugin().WithDataVolume();
        var redis = builder.AddRedis("redis").WithDataVolume();

        var mail = builder.AddContainer("mail", "axllent/mailpit")
            .WithHttpEndpoint(targetPort: 8025, name: "http")
            .WithEndpoint(targetPort: 1025, name: "smtp", scheme: "smtp");
        var clamav = builder.AddContainer("clamav", "clamav/clamav")
            .WithEndpoint(targetPort: 3310, name: "clamd", scheme: "tcp");
        var turn = builder.AddContainer("turn", "coturn/coturn")
            .WithEndpoint(port: settings.TurnPort, targetPort: 3478, name: "turn", scheme: "udp", isProxied: false)
            .WithArgs("-n", "--use-auth-secret", "--realm=municipal.local", "--no-cli", "--no-tls", "--no-dtls", "--fingerprint")
            .WithArgs(context => context.Args.Add(ReferenceExpression.Create($"--static-auth-secret={turnSecret}")));
        var turnHost = turn.GetEndpoint("turn").Property(EndpointProperty.HostAndPort);

        var smtp = builder.AddConnectionString("smtp", ReferenceExpression.Create($"smtp://{mail.GetEndpoint("smtp").Property(EndpointProperty.HostAndPort)}"));
        var clamd = builder.AddConnectionString("clamav", ReferenceExpression.Create($"tcp://{clamav.GetEndpoint("clamd").Property(EndpointProperty.HostAndPort)}"));

        return new SystemInfrastructure(
            databases,
            rabbitmq,
            redis,
            smtp,
            clamd,
            [ReferenceExpression.Create($"turn:{turnHost}?transport=udp")],
            [rabbitmq, redis, mail, clamav, .. databases.Values],
            [],
            Directory.CreateDirectory(Path.Combine(settings.RunDirectory, "mail")).FullName,
            // clamd's container does not see the host's document storage: files are streamed to it.
            ClamdReadsStorage: false);
    }
}
