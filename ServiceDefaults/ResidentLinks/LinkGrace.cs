using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>
/// Remembers (in this process, by hash, bounded) when a well-formed but unknown link was first presented, so it is
/// answered "come back" for <see cref="ResidentLinkOptions.GraceSeconds"/> and refused after. Every unknown link is
/// treated alike, whether it is on its way or was never issued, so the answer tells a stranger nothing.
/// </summary>
public sealed class LinkGrace(IOptions<ResidentLinkOptions> options, TimeProvider clock)
{
    private const int MaxTracked = 10_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> firstSeen = new(StringComparer.Ordinal);

    public TimeSpan Duration => TimeSpan.FromSeconds(Math.Max(0, options.Value.GraceSeconds));

    /// <summary>True while the link (by hash) is within its grace since first seen here.</summary>
    public bool Waiting(string tokenHash)
    {
        if (Duration <= TimeSpan.Zero) return false;
        var now = clock.GetUtcNow();
        if (firstSeen.Count >= MaxTracked)
        {
            foreach (var (hash, at) in firstSeen) if (now - at >= Duration) firstSeen.TryRemove(hash, out _);
            // Flooded with made-up links: no grace for new ones rather than unbounded memory.
            if (firstSeen.Count >= MaxTracked && !firstSeen.ContainsKey(tokenHash)) return false;
        }
        return now - firstSeen.GetOrAdd(tokenHash, now) < Duration;
    }

    /// <summary>The link became known: its grace is no longer needed.</summary>
    public void Forget(string tokenHash) => firstSeen.TryRemove(tokenHash, out _);
}
