using Municipal.ServiceDefaults.Data;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Numbers chat lines, hands them to the room and stores them in batches behind it (issue 18: the chat path writes
/// the transcript without holding the sender).
/// <para>
/// Why not wait for the write: SignalR runs a connection's calls one after the other, so a sender answered only once
/// the line is committed could not send the next line before that; measured at 1,000 lines/s on the loaded 2-core
/// machine, the commit was 11 ms of a 14 ms call at p50 and 57 of 68 ms at p99.
/// </para>
/// <para>
/// A line is numbered in Redis (one round trip, the same server the room's broadcast goes through): a counter shared by
/// every instance gives ids that grow in the order lines are numbered, and a key per client id (kept a day) tells a
/// resend after a reconnect from a new line. The line is then queued and announced to the room, and the sender is
/// answered. One background writer stores what queued up meanwhile in one transaction, in arrival order. A resend is
/// answered with the line stored (or still queued) earlier and not announced again.
/// </para>
/// <para>
/// What a crash costs: the lines queued or in the batch being written when the process dies (what arrived during one
/// commit, a few milliseconds' worth at a normal pace; at most <see cref="Capacity"/> lines when the database is slow)
/// were heard in the room and answered but are missing from the transcript. A stopping process (deploy, restart)
/// first stores what is queued; while the database is unreachable the writer keeps trying (an outage delays, never
/// loses), and the full queue then makes senders wait. A batch the database refuses is stored again line by line, so
/// a line only ever fails for what is wrong with itself.
/// </para>
/// </summary>
public sealed class TranscriptWriter(
    IServiceScopeFactory scopes, NpgsqlDataSource database, IConnectionMultiplexer redis, RoomPresence presence, IConfiguration configuration,
    ILogger<TranscriptWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;
    private const int Capacity = 4096;
    private const int OrderStripes = 256;
    private static readonly TimeSpan ClientIdsKept = TimeSpan.FromDays(1);
    private static readonly TimeSpan DrainOnStop = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    // In the same round trip as the presence check a hub call makes first (issue 18: a line costs one Redis round trip
    // before it is announced, not two): {0, 2} when the sender's connection is no longer in the room (ended, removed).
    // Else INCR the shared counter, never below the highest id this instance knows stored (a Redis that lost or rolled
    // back the counter must not hand out ids the transcript already has); SET NX the client id's key: 1 if it was there.
    private static readonly LuaScript Number = LuaScript.Prepare("""
        if @connection ~= '' and redis.call('HEXISTS', @presence, @connection) == 0 then return {0, 2} end
        local id = redis.call('INCR', @counter)
        local floor = tonumber(@floor)
        if id <= floor then
          id = floor + 1
          redis.call('SET', @counter, id)
        end
        if @client == '' then return {id, 0} end
        if redis.call('SET', @client, id, 'NX', 'EX', @ttl) then return {id, 0} end
        return {id, 1}
        """);

    private readonly string prefix = configuration["Redis:KeyPrefix"] ?? "";
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // Lines queued under a client id and not stored yet: a resend arriving meanwhile is answered with the queued line.
    private readonly ConcurrentDictionary<(Guid RoomId, string ClientId), Pending> queuedByClient = new();

    // Every line answered and not stored yet: a transcript read meanwhile (a join, a reconnect) includes it.
    private readonly ConcurrentDictionary<long, Pending> queuedById = new();

    // Lines of one room are numbered and announced one after the other, so the room hears them in id order (a browser
    // skips a line whose id is below the last it showed).
    private readonly SemaphoreSlim[] order = Enumerable.Range(0, OrderStripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private long floor = -1;

    private sealed record Pending(RoomMessage Message, TaskCompletionSource<(RoomMessage Message, bool IsNew)> Stored);

    /// <summary>A numbered line, whether it is new (false: a resend), and when it is stored.</summary>
    public sealed record Queued(RoomMessage Line, bool IsNew, Task<(RoomMessage Message, bool IsNew)> Stored);

    /// <summary>Numbers and stores a line without announcing it; the stored line, and whether it is new.</summary>
    public async Task<(RoomMessage Message, bool IsNew)> AppendAsync(RoomMessage message, CancellationToken cancellationToken = default) =>
        await (await QueueAsync(message, null, _ => Task.CompletedTask, cancellationToken))!.Stored;

    /// <summary>
    /// Numbers the line, queues it for the transcript and announces it with <paramref name="announce"/> (a new line only);
    /// returns without waiting for the write. Null when <paramref name="connectionId"/> is given and is no longer in the
    /// room (<see cref="RoomPresence"/>): checked in the same Redis call that numbers the line.
    /// </summary>
    public async Task<Queued?> QueueAsync(RoomMessage message, string? connectionId, Func<RoomMessage, Task> announce, CancellationToken cancellationToken = default)
    {
        var gate = order[(message.RoomId.GetHashCode() & int.MaxValue) % OrderStripes];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await NumberAndQueueAsync(message, connectionId, announce, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Queued?> NumberAndQueueAsync(RoomMessage message, string? connectionId, Func<RoomMessage, Task> announce, CancellationToken cancellationToken)
    {
        var key = (message.RoomId, message.ClientId ?? "");
        if (message.ClientId is not null && queuedByClient.TryGetValue(key, out var queued))
            return new Queued(queued.Message, false, queued.Stored.Task.ContinueWith(t => (t.Result.Message, false), TaskContinuationOptions.OnlyOnRanToCompletion));

        var (id, outcome) = await NumberAsync(message, connectionId, cancellationToken);
        if (outcome == Numbered.NotInRoom) return null;
        if (outcome == Numbered.Seen)
        {
            // Numbered before: stored, then it is answered as it was; else it was lost (a crash) or is still queued on
            // another instance, and it is stored now (the other's write then finds it stored: a unique client id).
            await using var scope = scopes.CreateAsyncScope();
            var earlier = await scope.ServiceProvider.GetRequiredService<SessionDb>().RoomMessages.AsNoTracking()
                .FirstOrDefaultAsync(m => m.RoomId == message.RoomId && m.ClientId == message.ClientId, cancellationToken);
            if (earlier is not null) return new Queued(earlier, false, Task.FromResult((earlier, false)));
        }

        var numbered = new RoomMessage
        {
            Id = id, RoomId = message.RoomId, SenderRole = message.SenderRole, SenderName = message.SenderName,
            Text = message.Text, ClientId = message.ClientId, SentAt = message.SentAt,
        };
        var pending = new Pending(numbered, new(TaskCreationOptions.RunContinuationsAsynchronously));
        if (message.ClientId is not null) queuedByClient[key] = pending;
        queuedById[numbered.Id] = pending;
        try
        {
            await queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            Forget(pending);
            throw new InvalidOperationException("The transcript writer has stopped.", ex);
        }
        catch (OperationCanceledException)
        {
            Forget(pending);
            throw;
        }
        // Queued before it is announced: from here on the line is stored even if announcing it fails.
        await announce(numbered);
        return new Queued(numbered, true, pending.Stored.Task);
    }

    /// <summary>
    /// The room's lines after <paramref name="afterId"/> that this instance answered and has not stored yet. Read it
    /// before the stored lines: a line leaves the queue only once it is stored.
    /// </summary>
    public IReadOnlyList<RoomMessage> QueuedLines(Guid roomId, long afterId) =>
        queuedById.Values.Select(p => p.Message).Where(m => m.RoomId == roomId && m.Id > afterId).ToList();

    private enum Numbered { New = 0, Seen = 1, NotInRoom = 2 }

    private async Task<(long Id, Numbered Outcome)> NumberAsync(RoomMessage message, string? connectionId, CancellationToken cancellationToken)
    {
        if (Interlocked.Read(ref floor) < 0) await RefreshFloorAsync(cancellationToken);
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Number, new
        {
            presence = presence.KeyOf(message.RoomId),
            connection = connectionId ?? "",
            counter = (RedisKey)(prefix + "sessions:chat:last-id"),
            client = (RedisKey)(message.ClientId is { } clientId ? $"{prefix}sessions:chat:client:{message.RoomId:N}:{clientId}" : ""),
            floor = Interlocked.Read(ref floor),
            ttl = (long)ClientIdsKept.TotalSeconds,
        }))!;
        return ((long)result[0], (Numbered)(long)result[1]);
    }

    /// <summary>The highest id in the transcript (at the start, and after an id turned out taken).</summary>
    private async Task RefreshFloorAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
        var max = await db.RoomMessages.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        RaiseFloor(max);
    }

    private void RaiseFloor(long id)
    {
        var current = Interlocked.Read(ref floor);
        while (id > current && Interlocked.CompareExchange(ref floor, id, current) != current) current = Interlocked.Read(ref floor);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            // Stopping interrupts the wait for lines or for a database that is away, never a write.
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Take(batch);
                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: no new lines; what is queued has been announced, so it is stored before the process goes.
        queue.Writer.TryComplete();
        using var drain = new CancellationTokenSource(DrainOnStop);
        try
        {
            if (batch.Any(p => !p.Stored.Task.IsCompleted)) await WriteAsync([.. batch.Where(p => !p.Stored.Task.IsCompleted)], drain.Token);
            while (queue.Reader.TryPeek(out _))
            {
                Take(batch);
                await WriteAsync(batch, drain.Token);
            }
            batch.Clear();
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopping before every queued chat line was stored");
        }
        foreach (var pending in batch) Cancel(pending);
        while (queue.Reader.TryRead(out var left)) Cancel(left);
    }

    private void Take(List<Pending> batch)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending)) batch.Add(pending);
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        try
        {
            await CopyAsync(batch);
            foreach (var pending in batch) Stored(pending, pending.Message, true);
        }
        catch (Exception ex)
        {
            // The batch holds lines of many rooms: one bad line (a resend, a value the database refuses) must not
            // cost the others theirs, so each line is stored on its own and only the bad one fails.
            if (!DatabaseErrors.IsUniqueViolation(ex)) logger.LogWarning(ex, "Storing {Count} chat lines failed; storing them one by one", batch.Count);
            foreach (var pending in batch) await WriteOneAsync(pending, cancellationToken);
        }
    }

    /// <summary>
    /// One binary <c>COPY</c> for the batch, all or nothing: at 1,000 lines a second EF's inserts (change tracking, a
    /// statement and seven parameters per line) cost the sessions service a share of the CPU its hub calls wait for.
    /// </summary>
    private async Task CopyAsync(List<Pending> batch)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY room_messages (id, room_id, sender_role, sender_name, text, client_id, sent_at) FROM STDIN (FORMAT BINARY)", CancellationToken.None);
        foreach (var message in batch.Select(p => p.Message))
        {
            await importer.StartRowAsync(CancellationToken.None);
            await importer.WriteAsync(message.Id, NpgsqlDbType.Bigint, CancellationToken.None);
            await importer.WriteAsync(message.RoomId, NpgsqlDbType.Uuid, CancellationToken.None);
            await importer.WriteAsync(message.SenderRole, NpgsqlDbType.Text, CancellationToken.None);
            await importer.WriteAsync(message.SenderName, NpgsqlDbType.Text, CancellationToken.None);
            await importer.WriteAsync(message.Text, NpgsqlDbType.Text, CancellationToken.None);
            if (message.ClientId is { } clientId) await importer.WriteAsync(clientId, NpgsqlDbType.Text, CancellationToken.None);
            else await importer.WriteNullAsync(CancellationToken.None);
            await importer.WriteAsync(message.SentAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, CancellationToken.None);
        }
        await importer.CompleteAsync(CancellationToken.None);
    }

    private async Task WriteOneAsync(Pending pending, CancellationToken cancellationToken)
    {
        var message = pending.Message;
        var id = message.Id;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
            // A fresh entity: the failed batch's context still tracks the original.
            var copy = new RoomMessage
            {
                Id = id, RoomId = message.RoomId, SenderRole = message.SenderRole, SenderName = message.SenderName,
                Text = message.Text, ClientId = message.ClientId, SentAt = message.SentAt,
            };
            try
            {
                db.RoomMessages.Add(copy);
                await db.SaveChangesAsync(CancellationToken.None);
                Stored(pending, copy, true);
                return;
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex) && ex.InnerException is PostgresException { ConstraintName: "room_messages_pkey" })
            {
                // The id was taken (Redis lost its counter while another instance stored beyond what this one knew):
                // stored under the database's own number; the room heard it under the other.
                logger.LogWarning("Chat line id {Id} was taken; storing the line under a new one", id);
                id = 0;
                await RefreshFloorAsync(CancellationToken.None);
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                // Stored meanwhile under the same client id by another instance (a resend that reached both).
                db.ChangeTracker.Clear();
                var stored = await db.RoomMessages.AsNoTracking()
                    .FirstAsync(m => m.RoomId == message.RoomId && m.ClientId == message.ClientId, CancellationToken.None);
                Stored(pending, stored, false);
                return;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                // The database is away: the line waits for it (the queue fills and then holds senders back).
                logger.LogWarning(ex, "The transcript cannot be written now; trying again");
                await Task.Delay(RetryAfter, cancellationToken);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Storing a chat line of room {RoomId} failed", message.RoomId);
                Forget(pending);
                pending.Stored.TrySetException(ex);
                return;
            }
        }
    }

    private void Stored(Pending pending, RoomMessage stored, bool isNew)
    {
        RaiseFloor(stored.Id);
        pending.Stored.TrySetResult((stored, isNew));
        Forget(pending);
    }

    private void Cancel(Pending pending)
    {
        Forget(pending);
        pending.Stored.TrySetCanceled();
    }

    private void Forget(Pending pending)
    {
        queuedById.TryRemove(new(pending.Message.Id, pending));
        if (pending.Message.ClientId is { } clientId) queuedByClient.TryRemove(new((pending.Message.RoomId, clientId), pending));
    }

    private static bool IsTransient(Exception ex) =>
        (ex as NpgsqlException ?? ex.InnerException as NpgsqlException) is { IsTransient: true }
        || ex.InnerException is System.Net.Sockets.SocketException || ex is TimeoutException;
}
