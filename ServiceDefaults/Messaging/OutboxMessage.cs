using System.Diagnostics;
using System.Text.Json;

namespace Municipal.ServiceDefaults.Messaging;

/// <summary>An integration event waiting in the service's own database to be published.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public required string MessageType { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? TraceParent { get; init; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    public static OutboxMessage For<T>(T message) where T : class
    {
        var now = DateTimeOffset.UtcNow;
        return new OutboxMessage
        {
            // The outbox id becomes the MessageId, so a relay that publishes twice is deduplicated by the inbox.
            Id = Guid.CreateVersion7(),
            MessageType = message.GetType().FullName!,
            Body = JsonSerializer.Serialize(message, message.GetType(), JsonSerializerOptions.Web),
            CreatedAt = now,
            NextAttemptAt = now,
            TraceParent = Activity.Current?.Id,
        };
    }
}
