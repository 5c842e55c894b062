namespace Municipal.Testing;

/// <summary>
/// The one clock tests move by hand. <c>new TestClock(start)</c>: the service reads "now" from it (opening hours,
/// expiry, reminders, a document's validity) and everything else about time stays real.
/// <see cref="WithSteppedTimestamps"/>: "now" stays the wall clock's and the monotonic timestamp (what rate-limit
/// buckets refill by) moves only when the test says. Thread-safe: a service's background job reads it while the test
/// moves it.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly bool ownsNow;
    private readonly bool ownsTimestamp;
    private long ticks;
    private long timestamp = 1;

    public TestClock(DateTimeOffset start) : this(start.UtcTicks, ownsNow: true, ownsTimestamp: false)
    {
    }

    private TestClock(long ticks, bool ownsNow, bool ownsTimestamp) =>
        (this.ticks, this.ownsNow, this.ownsTimestamp) = (ticks, ownsNow, ownsTimestamp);

    /// <summary>
    /// The wall clock's "now" with a monotonic timestamp that stands still until <see cref="Advance"/>: how many lines
    /// a budget lets through does not depend on how fast a loaded machine sends them.
    /// </summary>
    public static TestClock WithSteppedTimestamps() => new(0, ownsNow: false, ownsTimestamp: true);

    public override DateTimeOffset GetUtcNow() => ownsNow ? new(Interlocked.Read(ref ticks), TimeSpan.Zero) : base.GetUtcNow();

    public override long TimestampFrequency => ownsTimestamp ? TimeSpan.TicksPerSecond : base.TimestampFrequency;

    public override long GetTimestamp() => ownsTimestamp ? Interlocked.Read(ref timestamp) : base.GetTimestamp();

    /// <summary>Moves what the test owns: "now", or the timestamp.</summary>
    public void Advance(TimeSpan by)
    {
        if (ownsNow) Interlocked.Add(ref ticks, by.Ticks);
        if (ownsTimestamp) Interlocked.Add(ref timestamp, by.Ticks);
    }

    public void Set(DateTimeOffset to)
    {
        if (!ownsNow) throw new InvalidOperationException("This clock's \"now\" is the wall clock's.");
        Interlocked.Exchange(ref ticks, to.UtcTicks);
    }
}
