using StackExchange.Redis;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>How long a call waits for a side that went (<c>Sessions:Call</c>).</summary>
public sealed class CallOptions
{
    /// <summary>
    /// A side of the call away this long (its page closed, its connection lost and not back) ends the call as "end video"
    /// would; before, a call waited for a page that never came back, however late.
    /// </summary>
    public TimeSpan AwayTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The resident's device that held the call away this long: another device of the resident's may take the call over.
    /// Shorter, and a reload (the same device coming back) would find its call taken by the phone beside it.
    /// </summary>
    public TimeSpan TakeOverAfter { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// What the hub keeps about each room's call, across all signaling instances (a Redis hash per room): which of the
/// resident's devices holds it (a room link opened on the laptop and the phone; the device id a page keeps across its
/// reloads picks the connection that resumes — it authorizes nothing, the room token does), and since when a side has
/// been away. A sorted set of the sides away, by when they went, lets <see cref="Jobs.AbandonedCallJob"/> end the calls
/// nobody came back to.
/// </summary>
public sealed class RunningCalls(IConnectionMultiplexer redis, IConfiguration configuration)
{
    // A room's call lasts no longer than its room; the hash goes a day after its last change.
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly string prefix = configuration["Redis:KeyPrefix"] ?? "";

    // The earlier time stays when a side that is already away loses a further connection.
    private static readonly LuaScript Away = LuaScript.Prepare("""
        if redis.call('HSETNX', @call, @field, @since) == 1 then
          redis.call('EXPIRE', @call, @ttl)
          redis.call('ZADD', @away, 'NX', @since, @member)
        end
        """);

    private RedisKey KeyOf(Guid roomId) => $"{prefix}sessions:call:{roomId:N}";

    private RedisKey AwayKey => $"{prefix}sessions:calls-away";

    private static string Member(Guid roomId, string side) => $"{roomId:N}:{side}";

    private static string AwayField(string side) => $"away:{side}";

    private IDatabase Db => redis.GetDatabase();

    /// <summary>
    /// The call runs on <paramref name="device"/> of the resident's (who asked or accepted it there, or took it over);
    /// null: a page that names no device, on whichever of the resident's connections takes it up (as before devices).
    /// </summary>
    public async Task HoldAsync(Guid roomId, string? device)
    {
        if (device is null)
        {
            await Db.HashDeleteAsync(KeyOf(roomId), "device");
            return;
        }
        await Db.HashSetAsync(KeyOf(roomId), "device", device);
        await Db.KeyExpireAsync(KeyOf(roomId), Lifetime);
    }

    /// <summary>The resident's device the call runs on; null if none was recorded.</summary>
    public async Task<string?> DeviceAsync(Guid roomId) => await Db.HashGetAsync(KeyOf(roomId), "device");

    /// <summary><paramref name="side"/> of the call went (its last connection holding the call left) at <paramref name="since"/>.</summary>
    public Task AwayAsync(Guid roomId, string side, DateTimeOffset since) =>
        Db.ScriptEvaluateAsync(Away, new
        {
            call = KeyOf(roomId), away = AwayKey, field = AwayField(side), member = Member(roomId, side),
            since = since.ToUnixTimeMilliseconds(), ttl = (long)Lifetime.TotalSeconds,
        });

    /// <summary>Since when <paramref name="side"/> has been away, or null if it is not.</summary>
    public async Task<DateTimeOffset?> AwaySinceAsync(Guid roomId, string side) =>
        await Db.HashGetAsync(KeyOf(roomId), AwayField(side)) is { HasValue: true } value
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : null;

    /// <summary>Nobody is away any more: the side came back to the call, or the call ended or began anew.</summary>
    public Task BackAsync(Guid roomId, params string[] sides)
    {
        // Sent together (the multiplexer pipelines them): one wait on Redis, not two per side.
        var db = Db;
        return Task.WhenAll(
            db.HashDeleteAsync(KeyOf(roomId), sides.Select(side => (RedisValue)AwayField(side)).ToArray()),
            db.SortedSetRemoveAsync(AwayKey, sides.Select(side => (RedisValue)Member(roomId, side)).ToArray()));
    }

    /// <summary>
    /// The clerk's page receives a picture of the resident's video (<paramref name="arriving"/>) as of
    /// <paramref name="at"/>, or says it does not (no frames, or only black ones): the identity check asks for a recent one.
    /// </summary>
    public async Task PictureAsync(Guid roomId, bool arriving, DateTimeOffset at)
    {
        if (!arriving)
        {
            await Db.HashDeleteAsync(KeyOf(roomId), PictureField);
            return;
        }
        await Db.HashSetAsync(KeyOf(roomId), PictureField, at.ToUnixTimeMilliseconds());
        await Db.KeyExpireAsync(KeyOf(roomId), Lifetime);
    }

    /// <summary>When the clerk's page last said it receives a picture of the resident's video, or null.</summary>
    public async Task<DateTimeOffset?> PictureSeenAtAsync(Guid roomId) =>
        await Db.HashGetAsync(KeyOf(roomId), PictureField) is { HasValue: true } value
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : null;

    private const string PictureField = "picture";

    /// <summary>The rooms and sides away since before <paramref name="before"/>, the longest away first.</summary>
    public async Task<IReadOnlyList<(Guid RoomId, string Side)>> OverdueAsync(DateTimeOffset before, int max)
    {
        var members = await Db.SortedSetRangeByScoreAsync(AwayKey, double.NegativeInfinity, before.ToUnixTimeMilliseconds(), take: max);
        var overdue = new List<(Guid, string)>(members.Length);
        foreach (var member in members)
        {
            var text = (string)member!;
            var colon = text.IndexOf(':');
            if (colon > 0 && Guid.TryParseExact(text[..colon], "N", out var roomId)) overdue.Add((roomId, text[(colon + 1)..]));
            else await Db.SortedSetRemoveAsync(AwayKey, member);
        }
        return overdue;
    }

    /// <summary>Takes an overdue side for ending its call: true for one instance only (two passing at once).</summary>
    public async Task<bool> ClaimAsync(Guid roomId, string side)
    {
        if (!await Db.SortedSetRemoveAsync(AwayKey, Member(roomId, side))) return false;
        await Db.HashDeleteAsync(KeyOf(roomId), AwayField(side));
        return true;
    }
}
