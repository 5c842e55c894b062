namespace Municipal.SessionSignaling.Hubs;

/// <summary>A token bucket: starts full, refills continuously, one token per message.</summary>
public sealed class TokenBucket(HubLimit limit, long now, TimeProvider clock)
{
    private readonly Lock gate = new();
    private double tokens = limit.Burst;
    private long refilledAt = now;

    /// <summary>How long nothing was taken: a bucket idle for longer than Burst / PerSecond is full again.</summary>
    public TimeSpan Idle => clock.GetElapsedTime(Volatile.Read(ref refilledAt));

    public bool TryTake()
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            tokens = Math.Min(limit.Burst, tokens + clock.GetElapsedTime(refilledAt, now).TotalSeconds * limit.PerSecond);
            refilledAt = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
