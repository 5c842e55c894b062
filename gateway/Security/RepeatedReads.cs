using System.Collections.Concurrent;

namespace Municipal.Gateway.Security;

/// <summary>
/// Which reads the audit log already holds: a staff member opening a dossier, a consultation's documents or an
/// identity check is an entry; the same person reading the same thing again with the same outcome within
/// <c>Audit:RepeatedReadMinutes</c> (10 by default) — a page refreshing itself — adds nothing an auditor needs, so it
/// is not written again. Changes (every method but GET and HEAD) are always written. Kept per gateway replica in
/// memory: after a restart, or on another replica, a read is an entry again.
/// </summary>
public sealed class RepeatedReads(TimeProvider clock, IConfiguration configuration)
{
    private const int Trim = 20_000;

    private readonly ConcurrentDictionary<(Guid Staff, string Path, int Status), DateTimeOffset> seen = new();
    private readonly TimeSpan window = TimeSpan.FromMinutes(configuration.GetValue("Audit:RepeatedReadMinutes", 10.0));

    /// <summary>True if this read is the first within the window (and remembers it), false if it repeats one.</summary>
    public bool IsNew(Guid staffId, string path, int status)
    {
        var now = clock.GetUtcNow();
        var key = (staffId, path, status);
        if (seen.TryGetValue(key, out var at) && now - at < window) return false;
        seen[key] = now;
        if (seen.Count > Trim)
        {
            foreach (var (k, v) in seen) if (now - v >= window) seen.TryRemove(k, out _);
            // Staff have no rate limit: a script reading ever new paths (8 KB each) within the window grew this without
            // bound and swept it whole at every further read (probe 7). Past the bound all is forgotten: a forgotten
            // read is written to the log once more, which costs an entry, never one missing.
            if (seen.Count > Trim / 2) seen.Clear();
        }
        return true;
    }

    /// <summary>How many reads are remembered now.</summary>
    internal int Remembered => seen.Count;
}
