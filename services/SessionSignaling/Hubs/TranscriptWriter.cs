using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;
using Npgsql;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Stores chat lines in batches: one transaction for every line that arrived while the previous batch was being
/// written, instead of one commit per line. Lines keep their arrival order (one reader), each caller still
/// awaits the durable write of its own line before it is broadcast, and a resend with a known client id
/// resolves to the line already stored. A batch that fails is stored again line by line, so a line only ever
/// fails for what is wrong with itself.
/// </summary>
public sealed class TranscriptWriter(IServiceScopeFactory scopes, ILogger<TranscriptWriter> logger) : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Pending(RoomMessage Message, TaskCompletionSource<(RoomMessage Message, bool IsNew)> Stored);

    /// <summary>The stored line, and whether it is new (false: a resend of a line stored earlier).</summary>
    public Task<(RoomMessage Message, bool IsNew)> AppendAsync(RoomMessage message)
    {
        var pending = new Pending(message, new TaskCompletionSource<(RoomMessage Message, bool IsNew)>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The transcript writer has stopped.");
        return pending.Stored.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending)) batch.Add(pending);
                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            foreach (var pending in batch) pending.Stored.TrySetCanceled();
        }
        queue.Writer.TryComplete();
        while (queue.Reader.TryRead(out var left)) left.Stored.TrySetCanceled();
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
            db.RoomMessages.AddRange(batch.Select(p => p.Message));
            await db.SaveChangesAsync(cancellationToken);
            foreach (var pending in batch) pending.Stored.TrySetResult((pending.Message, true));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The batch holds lines of many rooms: one bad line (a resend, a value the database refuses) must not
            // cost the others theirs, so each line is stored on its own and only the bad one fails.
            if (!(ex is DbUpdateException db && IsDuplicate(db))) logger.LogWarning(ex, "Storing {Count} chat lines failed; storing them one by one", batch.Count);
            foreach (var pending in batch) await WriteOneAsync(pending, cancellationToken);
        }
    }

    private async Task WriteOneAsync(Pending pending, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
        var message = pending.Message;
        var copy = new RoomMessage
        {
            RoomId = message.RoomId, SenderRole = message.SenderRole, SenderName = message.SenderName,
            Text = message.Text, ClientId = message.ClientId, SentAt = message.SentAt,
        };
        try
        {
            db.RoomMessages.Add(copy);
            await db.SaveChangesAsync(cancellationToken);
            pending.Stored.TrySetResult((copy, true));
        }
        catch (DbUpdateException ex) when (IsDuplicate(ex))
        {
            db.ChangeTracker.Clear();
            var stored = await db.RoomMessages.AsNoTracking()
                .FirstAsync(m => m.RoomId == message.RoomId && m.ClientId == message.ClientId, cancellationToken);
            pending.Stored.TrySetResult((stored, false));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Storing a chat line of room {RoomId} failed", message.RoomId);
            pending.Stored.TrySetException(ex);
        }
    }

    private static bool IsDuplicate(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
