namespace Municipal.AppHost;

/// <summary>
/// An infrastructure server run as an executable that clients reach by a connection string of its own name
/// (<c>WithReference(redis)</c> gives <c>ConnectionStrings__redis</c>), as Aspire's container resources do.
/// </summary>
internal sealed class ServerResource(string name, string command, string workingDirectory, string connectionString)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression { get; } = ReferenceExpression.Create($"{connectionString}");

    public static IResourceBuilder<ServerResource> Add(IDistributedApplicationBuilder builder, string name, string command,
        string workingDirectory, string connectionString, params string[] args) =>
        builder.AddResource(new ServerResource(name, command, workingDirectory, connectionString)).WithArgs(args);
}
