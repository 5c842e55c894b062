namespace Municipal.SessionSignaling.Tests;

/// <summary>
/// Wall-clock time as it is, but a monotonic timestamp (what rate-limit buckets refill by) that moves only when the
/// test says so.
/// </summary>
public sealed class SteppedTimestamps : TimeProvider
{
    private long ticks = 1;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
