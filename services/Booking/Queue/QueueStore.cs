using StackExchange.Redis;

namespace Municipal.Booking.Queue;

/// <summary>A ticket as the live queue holds it.</summary>
public sealed record LiveTicket(
    Guid Id, string ConcernKey, string DepartmentKey, string CitizenName, string Language, string Status,
    DateTimeOffset IssuedAt, DateTimeOffset? CalledAt, Guid? StaffId, string? StaffName);

/// <summary>
/// The live queue in Redis, so it survives a restart of the service and is shared by its instances. Per
/// concern a sorted set of waiting ticket ids scored by issue time; a hash per ticket; a sorted set of
/// called tickets scored by call time (for "missed"); recent handling times per concern for the estimate.
/// Every key starts with <c>Redis:KeyPrefix</c>.
/// </summary>
public sealed class QueueStore(IConnectionMultiplexer redis, IConfiguration configuration)
{
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(12);
    private const int HandlingSamples = 20;

    // Takes the longest-waiting ticket across the given concerns and marks it called, atomically, so two
    // clerks pressing "next" at once never get the same resident.
    private const string TakeOldestScript = """
        local best, bestScore, bestKey
        for _, key in ipairs(KEYS) do
          local head = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
          if head[1] and (bestScore == nil or tonumber(head[2]) < bestScore) then
            best = head[1]; bestScore = tonumber(head[2]); bestKey = key
          end
        end
        if best == nil then return false end
        redis.call('ZREM', bestKey, best)
        redis.call('HSET', ARGV[1] .. best, 'status', 'called', 'calledAt', ARGV[2], 'staffId', ARGV[3], 'staffName', ARGV[4])
        redis.call('ZADD', ARGV[5], ARGV[2], best)
        return best
        """;

    // Takes a waiting ticket out of the queue for good and answers the status it had; atomic against TakeOldestScript,
    // so of a resident leaving and a clerk calling at the same moment exactly one wins (probe 6: both did, and the clerk
    // waited in a room for a resident told they had left). Anything else answers the ticket's status, untouched.
    private const string LeaveScript = """
        local status = redis.call('HGET', KEYS[2], 'status')
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 or status == 'waiting' then
          if status then redis.call('HSET', KEYS[2], 'status', ARGV[2]) end
          return 'waiting'
        end
        return status
        """;

    private readonly string prefix = (configuration["Redis:KeyPrefix"] ?? "") + "booking:";

    private IDatabase Db => redis.GetDatabase();

    private RedisKey Waiting(string concernKey) => $"{prefix}waiting:{concernKey}";
    private RedisKey Ticket(Guid id) => $"{prefix}ticket:{id}";
    private RedisKey Called => $"{prefix}called";
    private RedisKey Handling(string concernKey) => $"{prefix}handling:{concernKey}";

    public async Task AddAsync(LiveTicket ticket)
    {
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(Ticket(ticket.Id), [
            new("concern", ticket.ConcernKey), new("department", ticket.DepartmentKey), new("name", ticket.CitizenName),
            new("language", ticket.Language), new("status", ticket.Status), new("issuedAt", ticket.IssuedAt.ToUnixTimeMilliseconds()),
        ]);
        _ = tx.KeyExpireAsync(Ticket(ticket.Id), TicketLifetime);
        _ = tx.SortedSetAddAsync(Waiting(ticket.ConcernKey), ticket.Id.ToString(), ticket.IssuedAt.ToUnixTimeMilliseconds());
        await tx.ExecuteAsync();
    }

    public async Task<LiveTicket?> GetAsync(Guid id)
    {
        var fields = (await Db.HashGetAllAsync(Ticket(id))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        if (!fields.TryGetValue("concern", out var concern)) return null;
        return new LiveTicket(id, concern, fields["department"], fields["name"], fields["language"], fields["status"],
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields["issuedAt"])),
            fields.TryGetValue("calledAt", out var calledAt) ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(calledAt)) : null,
            fields.TryGetValue("staffId", out var staff) ? Guid.Parse(staff) : null,
            fields.GetValueOrDefault("staffName"));
    }

    /// <summary>1-based place among the tickets waiting for the same concern, or null when not waiting.</summary>
    public async Task<long?> PositionAsync(string concernKey, Guid id)
    {
        var rank = await Db.SortedSetRankAsync(Waiting(concernKey), id.ToString());
        return rank + 1;
    }

    public async Task<IReadOnlyList<LiveTicket>> WaitingAsync(IEnumerable<string> concernKeys)
    {
        var result = new List<LiveTicket>();
        foreach (var concern in concernKeys.Distinct())
        {
            foreach (var id in await Db.SortedSetRangeByRankAsync(Waiting(concern)))
            {
                if (await GetAsync(Guid.Parse(id.ToString())) is { } ticket) result.Add(ticket);
            }
        }
        return result.OrderBy(t => t.IssuedAt).ToList();
    }

    /// <summary>How many wait for a concern; synchronous for the metrics callback, which cannot await.</summary>
    public long WaitingCount(string concernKey) => Db.SortedSetLength(Waiting(concernKey));

    public async Task<Guid?> TakeOldestAsync(IReadOnlyCollection<string> concernKeys, Guid staffId, string staffName, DateTimeOffset now)
    {
        if (concernKeys.Count == 0) return null;
        var result = await Db.ScriptEvaluateAsync(TakeOldestScript,
            concernKeys.Select(Waiting).ToArray(),
            [$"{prefix}ticket:", now.ToUnixTimeMilliseconds(), staffId.ToString(), staffName, Called.ToString()]);
        return result.IsNull ? null : Guid.Parse(result.ToString()!);
    }

    /// <summary>Puts a ticket back at its old place (its call could not be recorded).</summary>
    public async Task RequeueAsync(LiveTicket ticket)
    {
        var tx = Db.CreateTransaction();
        _ = tx.SortedSetRemoveAsync(Called, ticket.Id.ToString());
        _ = tx.HashSetAsync(Ticket(ticket.Id), "status", "waiting");
        _ = tx.SortedSetAddAsync(Waiting(ticket.ConcernKey), ticket.Id.ToString(), ticket.IssuedAt.ToUnixTimeMilliseconds());
        await tx.ExecuteAsync();
    }

    /// <summary>
    /// Takes the ticket out of the waiting queue with <paramref name="status"/> if it is still waiting there. Answers the
    /// status it had: "waiting" when it left now; another (called, cancelled …) when it was no longer waiting, and then
    /// nothing changed; null when the live queue does not hold it.
    /// </summary>
    public async Task<string?> LeaveAsync(Guid id, string concernKey, string status)
    {
        var before = await Db.ScriptEvaluateAsync(LeaveScript, [Waiting(concernKey), Ticket(id)], [id.ToString(), status]);
        return before.IsNull ? null : before.ToString();
    }

    /// <summary>Ends a ticket's life in the queue with a final status (joined, missed, cancelled).</summary>
    public async Task FinishAsync(Guid id, string concernKey, string status)
    {
        var tx = Db.CreateTransaction();
        _ = tx.SortedSetRemoveAsync(Waiting(concernKey), id.ToString());
        _ = tx.SortedSetRemoveAsync(Called, id.ToString());
        _ = tx.HashSetAsync(Ticket(id), "status", status);
        await tx.ExecuteAsync();
    }

    /// <summary>Called tickets older than the cutoff; each is handed to exactly one caller (the one whose remove succeeds).</summary>
    public async Task<IReadOnlyList<Guid>> ClaimCalledBeforeAsync(DateTimeOffset cutoff)
    {
        var ids = await Db.SortedSetRangeByScoreAsync(Called, double.NegativeInfinity, cutoff.ToUnixTimeMilliseconds());
        var claimed = new List<Guid>();
        foreach (var id in ids)
        {
            if (await Db.SortedSetRemoveAsync(Called, id)) claimed.Add(Guid.Parse(id.ToString()));
        }
        return claimed;
    }

    public async Task RecordHandlingAsync(string concernKey, TimeSpan handling)
    {
        var tx = Db.CreateTransaction();
        _ = tx.ListLeftPushAsync(Handling(concernKey), (long)handling.TotalSeconds);
        _ = tx.ListTrimAsync(Handling(concernKey), 0, HandlingSamples - 1);
        await tx.ExecuteAsync();
    }

    /// <summary>The mean of the recent handling times of a concern, or null before the first one ended.</summary>
    public async Task<TimeSpan?> AverageHandlingAsync(string concernKey)
    {
        var values = await Db.ListRangeAsync(Handling(concernKey));
        if (values.Length == 0) return null;
        return TimeSpan.FromSeconds(values.Average(v => (double)(long)v));
    }
}
