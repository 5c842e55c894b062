using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.Messaging;

/// <summary>
/// A consumer that handles each message id once: the inbox row, the handler's changes and any events it
/// publishes are committed in one transaction, so a redelivered message is skipped. A handler that is idempotent by
/// itself (<see cref="OneIdempotentStatement"/>) runs without them.
/// </summary>
public abstract class IdempotentConsumer<TContext, TMessage>(TContext db) : IConsumer<TMessage>
    where TContext : ServiceDbContext
    where TMessage : class
{
    protected TContext Db => db;

    /// <summary>
    /// True for a handler that is a single statement with the same effect however often it runs (an
    /// <c>INSERT … ON CONFLICT DO NOTHING</c> on the row's key) and that tracks and publishes nothing: it runs on its
    /// own, without the inbox row and the transaction around it, one round trip to the database instead of four. Every
    /// booking passes three of these, one in each service that opens its room (issue 18).
    /// </summary>
    protected virtual bool OneIdempotentStatement => false;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        var consumer = GetType().FullName!;
        var ct = context.CancellationToken;

        db.ChangeTracker.Clear();
        if (OneIdempotentStatement)
        {
            await Handle(context.Message, context);
            return;
        }

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
