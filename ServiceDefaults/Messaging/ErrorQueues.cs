using System.Collections.Concurrent;

namespace Municipal.ServiceDefaults.Messaging;

/// <summary>The <c>_error</c> queues of this service's receive endpoints, learnt as MassTransit configures them.</summary>
public sealed class ErrorQueues
{
    private readonly ConcurrentDictionary<string, bool> names = new();

    public IReadOnlyCollection<string> Names => names.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>MassTransit's error queue of an endpoint is the endpoint's queue name with <c>_error</c> appended.</summary>
    public void AddEndpoint(string queueName) => names.TryAdd(queueName + "_error", true);
}
