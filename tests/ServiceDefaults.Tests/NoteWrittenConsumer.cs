using MassTransit;
using Municipal.ServiceDefaults.Messaging;
using Municipal.ServiceDefaults.Tests.Messages;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>Records every message it handles, so a test can count deliveries.</summary>
public sealed class NoteWrittenConsumer(TestDb db) : IdempotentConsumer<TestDb, NoteWritten>(db)
{
    protected override Task Handle(NoteWritten message, ConsumeContext<NoteWritten> context)
    {
        Db.Received.Add(new Received { MessageId = context.MessageId!.Value, Payload = message.Text, ReceivedAt = DateTimeOffset.UtcNow });
        return Task.CompletedTask;
    }
}
