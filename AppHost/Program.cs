// The whole system for a machine with Docker: infrastructure as containers, the five services and the
// gateway as projects. Everything a project reads here is what scripts/lib/common.sh injects locally.
var builder = DistributedApplication.CreateBuilder(args);

var internalKey = builder.AddParameter("internal-key", secret: true);
var turnSecret = builder.AddParameter("turn-secret", secret: true);
var documentNumberKey = builder.AddParameter("document-number-key", secret: true);

var postgres = builder.AddPostgres("postgres").WithDataVolume();
var bookingDb = postgres.AddDatabase("bookingdb");
var sessionDb = postgres.AddDatabase("sessiondb");
var identityDb = postgres.AddDatabase("identitydb");
var formDb = postgres.AddDatabase("formdb");
var documentDb = postgres.AddDatabase("documentdb");
var gatewayDb = postgres.AddDatabase("gatewaydb");

var rabbitmq = builder.AddRabbitMQ("rabbitmq").WithManagementPlugin().WithDataVolume();
var redis = builder.AddRedis("redis").WithDataVolume();

var mail = builder.AddContainer("mail", "axllent/mailpit")
    .WithHttpEndpoint(targetPort: 8025, name: "http")
    .WithEndpoint(targetPort: 1025, name: "smtp", scheme: "smtp");

var clamav = builder.AddContainer("clamav", "clamav/clamav")
    .WithEndpoint(targetPort: 3310, name: "clamd", scheme: "tcp");

var turn = builder.AddContainer("turn", "coturn/coturn")
    .WithEndpoint(port: 3478, targetPort: 3478, name: "turn", scheme: "udp", isProxied: false)
    .WithArgs("-n", "--use-auth-secret", "--realm=municipal.local", "--no-cli", "--no-tls", "--no-dtls", "--fingerprint")
    .WithEnvironment(context => context.Args.Add(ReferenceExpression.Create($"--static-auth-secret={turnSecret}")));

IResourceBuilder<ProjectResource> Service<TProject>(string name, IResourceBuilder<PostgresDatabaseResource> database)
    where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name)
        .WithReference(database).WaitFor(database)
        .WithReference(rabbitmq).WaitFor(rabbitmq)
        .WithReference(redis).WaitFor(redis)
        .WithEnvironment("ConnectionStrings__smtp", mail.GetEndpoint("smtp"))
        .WithEnvironment("Auth__InternalKey", internalKey)
        .WithHttpHealthCheck("/health");

var booking = Service<Projects.Booking>("booking", bookingDb);
var sessions = Service<Projects.SessionSignaling>("sessions", sessionDb)
    .WithEnvironment("Turn__Secret", turnSecret)
    .WithEnvironment("Turn__Urls__0", ReferenceExpression.Create($"turn:{turn.GetEndpoint("turn").Property(EndpointProperty.Host)}:3478?transport=udp"))
    .WithReference(booking);
var identity = Service<Projects.IdentityVerification>("identity", identityDb)
    .WithEnvironment("Identity__DocumentNumberKey", documentNumberKey)
    .WithReference(sessions);
var documents = Service<Projects.DocumentIntake>("documents", documentDb)
    .WithEnvironment("ConnectionStrings__clamav", clamav.GetEndpoint("clamd"))
    .WithReference(sessions);
var forms = Service<Projects.Form>("forms", formDb)
    .WithReference(sessions).WithReference(identity).WithReference(documents);
documents.WithReference(forms);

// Only the gateway is reachable from outside; it forwards to the services by their AppHost names.
var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(gatewayDb).WaitFor(gatewayDb)
    .WithReference(rabbitmq)
    .WithReference(redis)
    .WithEnvironment("Auth__InternalKey", internalKey)
    .WithReference(booking).WithReference(sessions).WithReference(identity).WithReference(forms).WithReference(documents)
    .WaitFor(booking).WaitFor(sessions).WaitFor(identity).WaitFor(forms).WaitFor(documents)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

foreach (var service in new[] { booking, sessions, identity, forms, documents, gateway })
{
    service.WithEnvironment("PublicBaseUrl", gateway.GetEndpoint("http"));
}

builder.Build().Run();
