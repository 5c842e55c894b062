using Xunit.Sdk;

namespace Municipal.Testing;

/// <summary>Waits for what a test expects to happen in the background (a consumer, a relay): asks again every 100 ms unless told otherwise.</summary>
public static class Poll
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns the first value of <paramref name="probe"/> that is <paramref name="done"/>; fails with the last one after <paramref name="within"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, Func<T, string> failure, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new XunitException(failure(value));
            await Task.Delay(every ?? Every);
        }
    }

    /// <summary>Returns once <paramref name="condition"/> holds; fails with <paramref name="failure"/> after <paramref name="within"/>.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string failure, TimeSpan? every = null) =>
        UntilAsync(condition, done => done, within, _ => failure, every);
}
