using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.Messaging;

/// <summary>
/// A consumer that handles each message id once: the inbox row, the handler's changes and any events it
/// publishes are committed in one transaction, so a redelivered message is skipped.
/// </summary>
public abstract class IdempotentConsumer<TContext, TMessage>(TContext db) : IConsumer<TMessage>
    where TContext : ServiceDbContext
    where TMessage : class
{
    protected TContext Db => db;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        var consumer = GetType().FullName!;
        var ct = context.CancellationToken;

        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {consumer}, now()) ON CONFLICT DO NOTHING", ct);
        if (claimed == 0)
        {
            return;
        }

        await Handle(context.Message, context);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    protected abstract Task Handle(TMessage message, ConsumeContext<TMessage> context);
}
