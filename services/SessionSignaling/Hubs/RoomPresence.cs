using System.Text.Json;
using StackExchange.Redis;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Who is connected to which room, across all signaling instances (a Redis hash per room: connection id →
/// participant). A connection that is no longer listed may not relay into the room, which is how ending or
/// transferring a room locks out connections held by another instance.
/// </summary>
/// <remarks>
/// Every change gives the room's list a new, higher version, read in the same step as the list. A browser hears of
/// the room's list more than once at nearly the same time and not always in order — the answer to its own join and
/// the notice of someone who joined on another instance meanwhile — and keeps the newest (issue 18's CI run: a
/// resident's page kept its own join's older list and never learnt that the clerk had come in).
/// </remarks>
public sealed class RoomPresence(IConnectionMultiplexer redis, IConfiguration configuration)
{
    // A crashed instance cannot remove its entries; the hash disappears a day after the room's last join.
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly string prefix = configuration["Redis:KeyPrefix"] ?? "";

    // The version is Redis' clock in microseconds, or one more than the last version where the clock has not moved on:
    // it keeps rising even if Redis lost the last version (a restart), which a bare counter would not.
    private const string NextVersion = """
        local clock = redis.call('TIME')
        local stamp = math.max(tonumber(clock[1]) * 1000000 + tonumber(clock[2]), tonumber(redis.call('GET', @version) or '0') + 1)
        redis.call('SET', @version, string.format('%d', stamp), 'EX', @ttl)
        """;

    private static readonly LuaScript Add = LuaScript.Prepare($$"""
        redis.call('HSET', @presence, @connection, @participant)
        redis.call('EXPIRE', @presence, @ttl)
        {{NextVersion}}
        return {stamp, redis.call('HGETALL', @presence)}
        """);

    // Removes the listed connections; a new version and the list only if one of them was there.
    private static readonly LuaScript Remove = LuaScript.Prepare($$"""
        local removed = 0
        for connection in string.gmatch(@connections, '[^ ]+') do
          removed = removed + redis.call('HDEL', @presence, connection)
        end
        if removed == 0 then return {0, {} } end
        {{NextVersion}}
        return {stamp, redis.call('HGETALL', @presence)}
        """);

    // News about the room that changes no connection: the list as it is, under a new version.
    private static readonly LuaScript Touch = LuaScript.Prepare($$"""
        {{NextVersion}}
        return {stamp, redis.call('HGETALL', @presence)}
        """);

    /// <summary>The room's hash of connection id → participant (the transcript writer checks a sender in its own script).</summary>
    public RedisKey KeyOf(Guid roomId) => $"{prefix}sessions:presence:{roomId:N}";

    private RedisKey VersionKeyOf(Guid roomId) => $"{prefix}sessions:presence-version:{roomId:N}";

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Lists the connection in its room; answers the room's list with it, under its new version.</summary>
    public async Task<Roster> AddAsync(string connectionId, Participant participant) =>
        Read(await Db.ScriptEvaluateAsync(Add, new
        {
            presence = KeyOf(participant.RoomId),
            version = VersionKeyOf(participant.RoomId),
            connection = connectionId,
            participant = JsonSerializer.Serialize(participant, JsonSerializerOptions.Web),
            ttl = (long)Lifetime.TotalSeconds,
        }));

    /// <summary>Takes the connection off the room's list: the list left, or null if it was not listed (nothing changed).</summary>
    public async Task<Roster?> RemoveAsync(Guid roomId, string connectionId) => await RemoveAsync(roomId, [connectionId]);

    /// <summary>The room's list under a new version, for a notice about someone whose page was not in the room.</summary>
    public async Task<Roster> TouchAsync(Guid roomId) =>
        Read(await Db.ScriptEvaluateAsync(Touch, new { presence = KeyOf(roomId), version = VersionKeyOf(roomId), ttl = (long)Lifetime.TotalSeconds }));

    public Task<bool> ContainsAsync(Guid roomId, string connectionId) => Db.HashExistsAsync(KeyOf(roomId), connectionId);

    private RedisKey SupervisingKeyOf(Guid staffId) => $"{prefix}sessions:supervising:{staffId:N}";

    /// <summary>
    /// Notes that the supervisor <paramref name="staffId"/> joined <paramref name="roomId"/>: she holds nothing there, so
    /// the rooms' rows do not say where she is when her account changes (<see cref="SupervisedByAsync"/>).
    /// </summary>
    public async Task NoteSupervisingAsync(Guid staffId, Guid roomId)
    {
        var key = SupervisingKeyOf(staffId);
        await Db.SetAddAsync(key, roomId.ToString("N"));
        await Db.KeyExpireAsync(key, Lifetime);
    }

    /// <summary>The rooms the supervisor joined within <see cref="Lifetime"/> (she may have left some since).</summary>
    public async Task<IReadOnlyList<Guid>> SupervisedByAsync(Guid staffId) =>
        [.. (await Db.SetMembersAsync(SupervisingKeyOf(staffId))).Select(v => Guid.TryParseExact(v.ToString(), "N", out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];

    public Task ForgetSupervisingAsync(Guid staffId, Guid roomId) => Db.SetRemoveAsync(SupervisingKeyOf(staffId), roomId.ToString("N"));

    public async Task<IReadOnlyList<(string ConnectionId, Participant Participant)>> ListAsync(Guid roomId) =>
        Entries(await Db.HashGetAllAsync(KeyOf(roomId)));

    /// <summary>
    /// Removes the matching connections: those removed (to drop them from the SignalR group) and the list left, or
    /// null if none matched.
    /// </summary>
    /// <remarks>
    /// The list is read, then the matching connections removed: a matching connection that joined in between (the
    /// transferred clerk's second tab) is in the list the removal answers, and is removed in another round.
    /// </remarks>
    public async Task<(IReadOnlyList<(string ConnectionId, Participant Participant)> Removed, Roster? Left)> RemoveWhereAsync(
        Guid roomId, Func<Participant, bool> predicate)
    {
        var removed = new List<(string ConnectionId, Participant Participant)>();
        Roster? left = null;
        var matching = (await ListAsync(roomId)).Where(e => predicate(e.Participant)).ToList();
        for (var round = 0; matching.Count > 0 && round < MaxRemovalRounds; round++)
        {
            if (await RemoveAsync(roomId, matching.Select(e => e.ConnectionId).ToList()) is not { } roster) break;
            removed.AddRange(matching);
            left = roster;
            matching = roster.Entries.Where(e => predicate(e.Participant)).ToList();
        }
        return (removed, left);
    }

    // Each round needs a matching connection to join in the moment between two Redis calls; a bound, not a loop forever.
    private const int MaxRemovalRounds = 8;

    private async Task<Roster?> RemoveAsync(Guid roomId, IReadOnlyList<string> connectionIds)
    {
        // SignalR's connection ids are URL-safe base64 (no spaces), so one space-separated argument carries them.
        var result = await Db.ScriptEvaluateAsync(Remove, new
        {
            presence = KeyOf(roomId),
            version = VersionKeyOf(roomId),
            connections = string.Join(' ', connectionIds),
            ttl = (long)Lifetime.TotalSeconds,
        });
        var roster = Read(result);
        return roster.Version == 0 ? null : roster;
    }

    private static Roster Read(RedisResult result)
    {
        var parts = (RedisResult[])result!;
        var fields = (RedisResult[])parts[1]!;
        var entries = new List<(string, Participant)>(fields.Length / 2);
        for (var i = 0; i + 1 < fields.Length; i += 2)
            entries.Add(((string)fields[i]!, JsonSerializer.Deserialize<Participant>((string)fields[i + 1]!, JsonSerializerOptions.Web)!));
        return new Roster((long)parts[0], entries);
    }

    private static List<(string, Participant)> Entries(HashEntry[] entries) =>
        entries.Select(e => ((string)e.Name!, JsonSerializer.Deserialize<Participant>((string)e.Value!, JsonSerializerOptions.Web)!)).ToList();
}

/// <summary>A room's list of connections at one version; a higher version is a later list.</summary>
public sealed record Roster(long Version, IReadOnlyList<(string ConnectionId, Participant Participant)> Entries)
{
    /// <summary>Who is in the room, each person once (a resident with two tabs is one participant).</summary>
    public IReadOnlyList<Sender> Participants => Entries.Select(e => e.Participant.AsSender).Distinct().ToList();

    /// <summary>Each person once, in the order they came, with the number of their connections.</summary>
    public IReadOnlyList<Present> Present => Entries.GroupBy(e => e.Participant.AsSender)
        .Select(g => new Present(g.Key.Role, g.Key.Name, g.Count())).ToList();

    /// <summary>Whether <paramref name="sender"/> is still in the room on some connection.</summary>
    public bool Has(Sender sender) => Entries.Any(e => e.Participant.AsSender == sender);
}
