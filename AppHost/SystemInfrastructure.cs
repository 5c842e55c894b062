namespace Municipal.AppHost;

/// <summary>What the services are given of the infrastructure, however it runs (executables or containers).</summary>
internal sealed record SystemInfrastructure(
    IReadOnlyDictionary<string, IResourceBuilder<IResourceWithConnectionString>> Databases,
    IResourceBuilder<IResourceWithConnectionString> RabbitMq,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString> Smtp,
    IResourceBuilder<IResourceWithConnectionString> ClamAv,
    IReadOnlyList<ReferenceExpression> TurnUrls,
    // Healthy before any service starts.
    IReadOnlyList<IResourceBuilder<IResource>> Ready,
    // Finished before any service starts (the databases made).
    IReadOnlyList<IResourceBuilder<IResource>> Completed,
    string MailDirectory,
    // clamd runs on this host and can read the services' document storage at its own path (Documents:ScanStoredFile).
    bool ClamdReadsStorage)
{
    /// <summary>Every service's and the gateway's own Postgres database (<c>ConnectionStrings__{name}</c>).</summary>
    public static readonly string[] DatabaseNames = ["bookingdb", "sessiondb", "identitydb", "formdb", "documentdb", "gatewaydb"];
}
