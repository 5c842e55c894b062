using System.Security.Claims;
using System.Text.Json;
using Municipal.ServiceDefaults.Auth;
using StackExchange.Redis;

namespace Municipal.SessionSignaling.Rooms;

/// <summary>
/// Which staff members have an agent page open, per department, across all instances (a Redis hash per department:
/// staff id → name and when last seen). Every staff page reports in (POST /api/sessions/duty) while it is open, so a
/// clerk can hand a resident to a colleague who is actually there.
/// </summary>
public sealed class StaffOnDuty(IConnectionMultiplexer redis, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>Pages report every 20 s; a colleague unheard of for longer than this has signed off or closed the page.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private readonly string prefix = configuration["Redis:KeyPrefix"] ?? "";

    private sealed record Entry(Guid Id, string Name, DateTimeOffset SeenAt);

    private RedisKey Key(string department) => $"{prefix}sessions:duty:{department}";

    private IDatabase Db => redis.GetDatabase();

    public async Task SeenAsync(ClaimsPrincipal user)
    {
        var entry = JsonSerializer.Serialize(new Entry(user.StaffId(), user.StaffName(), clock.GetUtcNow()), JsonSerializerOptions.Web);
        foreach (var department in user.Departments())
        {
            await Db.HashSetAsync(Key(department), user.StaffId().ToString("N"), entry);
            await Db.KeyExpireAsync(Key(department), Lifetime);
        }
    }

    /// <summary>Staff of the department seen within the window (forgetting those who were not).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> InAsync(string department)
    {
        var since = clock.GetUtcNow() - Window;
        var entries = (await Db.HashGetAllAsync(Key(department)))
            .Select(e => (Field: e.Name, Entry: JsonSerializer.Deserialize<Entry>((string)e.Value!, JsonSerializerOptions.Web)!))
            .ToList();
        var gone = entries.Where(e => e.Entry.SeenAt < since).Select(e => e.Field).ToArray();
        if (gone.Length > 0) await Db.HashDeleteAsync(Key(department), gone);
        return entries.Where(e => e.Entry.SeenAt >= since).Select(e => (e.Entry.Id, e.Entry.Name)).OrderBy(e => e.Name).ToList();
    }
}
