namespace Municipal.Testing;

/// <summary>
/// The AppHost's resolved contract (AppHost/ResolvedContract.cs writes it): the environment it gave the services, without
/// secrets, and the RabbitMQ management URL for making test virtual hosts.
/// </summary>
internal sealed record Contract(IReadOnlyDictionary<string, string> Environment, string? RabbitMqManagement);
