using System.Text.Json;
using StackExchange.Redis;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Who is connected to which room, across all signaling instances (a Redis hash per room: connection id →
/// participant). A connection that is no longer listed may not relay into the room, which is how ending or
/// transferring a room locks out connections held by another instance.
/// </summary>
public sealed class RoomPresence(IConnectionMultiplexer redis, IConfiguration configuration)
{
    // A crashed instance cannot remove its entries; the hash disappears a day after the room's last join.
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly string prefix = configuration["Redis:KeyPrefix"] ?? "";

    /// <summary>The room's hash of connection id → participant (the transcript writer checks a sender in its own script).</summary>
    public RedisKey KeyOf(Guid roomId) => $"{prefix}sessions:presence:{roomId:N}";

    private IDatabase Db => redis.GetDatabase();

    public async Task AddAsync(string connectionId, Participant participant)
    {
        var key = KeyOf(participant.RoomId);
        await Db.HashSetAsync(key, connectionId, JsonSerializer.Serialize(participant, JsonSerializerOptions.Web));
        await Db.KeyExpireAsync(key, Lifetime);
    }

    public Task<bool> RemoveAsync(Guid roomId, string connectionId) => Db.HashDeleteAsync(KeyOf(roomId), connectionId);

    public Task<bool> ContainsAsync(Guid roomId, string connectionId) => Db.HashExistsAsync(KeyOf(roomId), connectionId);

    public async Task<IReadOnlyList<(string ConnectionId, Participant Participant)>> ListAsync(Guid roomId)
    {
        var entries = await Db.HashGetAllAsync(KeyOf(roomId));
        return entries
            .Select(e => ((string)e.Name!, JsonSerializer.Deserialize<Participant>((string)e.Value!, JsonSerializerOptions.Web)!))
            .ToList();
    }

    /// <summary>Removes the matching connections and returns them (to drop them from the SignalR group).</summary>
    public async Task<IReadOnlyList<(string ConnectionId, Participant Participant)>> RemoveWhereAsync(Guid roomId, Func<Participant, bool> predicate)
    {
        var removed = (await ListAsync(roomId)).Where(e => predicate(e.Participant)).ToList();
        if (removed.Count > 0) await Db.HashDeleteAsync(KeyOf(roomId), removed.Select(e => (RedisValue)e.ConnectionId).ToArray());
        return removed;
    }
}
