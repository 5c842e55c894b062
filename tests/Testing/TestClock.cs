namespace Municipal.Testing;

/// <summary>
/// A clock the test moves by hand; the service reads "now" from it (opening hours, expiry, reminders, a document's
/// validity) and everything else about time stays real. Thread-safe: a service's background job reads it while the
/// test moves it.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public void Set(DateTimeOffset to) => Interlocked.Exchange(ref ticks, to.UtcTicks);
}
