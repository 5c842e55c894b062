using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Slots;
using StackExchange.Redis;

namespace Municipal.Booking.Queue;

/// <summary>
/// Which clerks are at the counter. Every open staff page asks for its holder's queue (every 15 s, the queue page every
/// 3 s) and each ask marks the staff id seen, in Redis so that every replica knows it: a sorted set scored by the time
/// seen. A concern is attended while one of the clerks assigned to it (its calendar's staff) was seen within
/// <see cref="BookingOptions.AtCounterWindow"/>; residents learn only that, never who or how many.
/// </summary>
public sealed class CounterPresence(IConnectionMultiplexer redis, IConfiguration configuration, IOptions<BookingOptions> options)
{
    private readonly RedisKey seen = (configuration["Redis:KeyPrefix"] ?? "") + "booking:at-counter";

    private TimeSpan Window => options.Value.AtCounterWindow;

    public async Task SeenAsync(Guid staffId, DateTimeOffset now)
    {
        var tx = redis.GetDatabase().CreateTransaction();
        _ = tx.SortedSetAddAsync(seen, staffId.ToString(), now.ToUnixTimeMilliseconds());
        // Clerks gone long ago leave the set, and a counter nobody opens any more leaves no key behind.
        _ = tx.SortedSetRemoveRangeByScoreAsync(seen, double.NegativeInfinity, (now - 2 * Window).ToUnixTimeMilliseconds());
        _ = tx.KeyExpireAsync(seen, 2 * Window);
        await tx.ExecuteAsync();
    }

    /// <summary>The staff ids seen within the window before <paramref name="now"/>.</summary>
    public async Task<IReadOnlySet<Guid>> AtCounterAsync(DateTimeOffset now)
    {
        var members = await redis.GetDatabase().SortedSetRangeByScoreAsync(seen, (now - Window).ToUnixTimeMilliseconds(), double.PositiveInfinity);
        return members.Select(m => Guid.Parse(m.ToString())).ToHashSet();
    }

    public static bool Attended(ConcernCalendar calendar, IReadOnlySet<Guid> atCounter) => calendar.Staff.Any(atCounter.Contains);

    /// <summary>
    /// How many of the clerks assigned to the concern are at the counter now: the queue's wait estimate divides by them
    /// (a concern handled by five, one of them in today, moves at one clerk's pace). 0 when nobody is.
    /// </summary>
    public async Task<int> PresentAsync(ConcernCalendar calendar, DateTimeOffset now)
    {
        if (calendar.Staff.Count == 0) return 0;
        var atCounter = await AtCounterAsync(now);
        return calendar.Staff.Distinct().Count(atCounter.Contains);
    }
}
