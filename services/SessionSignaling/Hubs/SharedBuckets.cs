using System.Collections.Concurrent;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Token buckets shared by several connections (per resident token, per staff member, per client address) on this
/// instance. Buckets idle for ten minutes are full again and are dropped, so the map does not grow with every visitor.
/// </summary>
public sealed class SharedBuckets(TimeProvider clock)
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, TokenBucket> buckets = new();
    private long sweptAt = clock.GetTimestamp();

    public int Count => buckets.Count;

    public bool TryTake(string key, HubLimit limit)
    {
        SweepNowAndThen();
        return buckets.GetOrAdd(key, _ => new TokenBucket(limit, clock.GetTimestamp(), clock)).TryTake();
    }

    private void SweepNowAndThen()
    {
        var last = Interlocked.Read(ref sweptAt);
        if (clock.GetElapsedTime(last) < TimeSpan.FromMinutes(1) || Interlocked.CompareExchange(ref sweptAt, clock.GetTimestamp(), last) != last) return;
        foreach (var (key, bucket) in buckets)
        {
            if (bucket.Idle > IdleAfter) buckets.TryRemove(key, out _);
        }
    }
}
