namespace Municipal.ServiceDefaults.Messaging;

/// <summary>A message id a consumer has processed; a redelivery of the same id is skipped.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }
    public required string Consumer { get; init; }
    public DateTimeOffset ProcessedAt { get; init; }
}
