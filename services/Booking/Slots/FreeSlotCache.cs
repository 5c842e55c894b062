using System.Runtime.CompilerServices;

namespace Municipal.Booking.Slots;

/// <summary>
/// Keeps each concern's free slots for a range of days in memory, computed without regard to the time of day (the
/// caller drops the slots already begun), so a slot request reads no appointment while nothing changed. Every change
/// to appointments drops them all: this replica's own writes at once (<see cref="CalendarChangeInterceptor"/>), every
/// replica's and any other writer's through Postgres <c>NOTIFY</c> from migration 0010's triggers
/// (<see cref="CalendarChangeListener"/>), within milliseconds of the commit. A change of the calendar itself gives
/// new keys (a new snapshot builds new <see cref="ConcernCalendar"/>s, and keys compare them by reference). While the listener is not connected nothing is kept; a
/// computation that overlaps a change answers the requests that waited for it but is not kept.
/// </summary>
public sealed class FreeSlotCache
{
    /// <summary>Ranges are chosen by residents (up to 62 days from any date): the copy is bounded, not a memory sink.</summary>
    private const int MaxEntries = 512;

    private readonly Lock gate = new();
    private readonly Dictionary<Key, Task<IReadOnlyList<Slot>>> entries = new(KeyComparer.Instance);
    private long version;
    private bool listening;

    private readonly record struct Key(ConcernCalendar Calendar, DateOnly From, DateOnly To);

    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static readonly KeyComparer Instance = new();
        public bool Equals(Key a, Key b) => ReferenceEquals(a.Calendar, b.Calendar) && a.From == b.From && a.To == b.To;
        public int GetHashCode(Key key) => HashCode.Combine(RuntimeHelpers.GetHashCode(key.Calendar), key.From, key.To);
    }

    /// <summary>The free slots of a concern's calendar between two local dates, computed by <paramref name="compute"/> if none are kept.</summary>
    public Task<IReadOnlyList<Slot>> GetAsync(ConcernCalendar calendar, DateOnly from, DateOnly to, Func<Task<IReadOnlyList<Slot>>> compute)
    {
        var key = new Key(calendar, from, to);
        long atVersion;
        lock (gate)
        {
            if (entries.TryGetValue(key, out var kept) && !kept.IsFaulted && !kept.IsCanceled) return kept;
            atVersion = version;
            if (!listening) return compute();
        }
        var computing = compute();
        lock (gate)
        {
            // Kept only if nothing changed since the computation began: it may have read the rows before the change.
            if (version == atVersion)
            {
                if (entries.Count >= MaxEntries) entries.Clear();
                entries[key] = computing;
            }
        }
        return computing;
    }

    /// <summary>
    /// Whether a kept range covering the start's day lists a slot there (true) or not (false); null when none is kept.
    /// Only a hint: a booking still goes through the constraint, which decides.
    /// </summary>
    public bool? IsKeptFree(ConcernCalendar calendar, DateTimeOffset start)
    {
        var day = calendar.LocalDate(start);
        lock (gate)
        {
            foreach (var (key, kept) in entries)
            {
                if (!ReferenceEquals(key.Calendar, calendar) || day < key.From || day > key.To || !kept.IsCompletedSuccessfully) continue;
                return kept.Result.Any(s => s.Start == start);
            }
        }
        return null;
    }

    /// <summary>Something in the appointments changed: every kept range is computed again when next asked for.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            version++;
            entries.Clear();
        }
    }

    /// <summary>How many changes Postgres has told of (tests wait on it: a notice heard late drops what was kept since).</summary>
    internal long ChangesHeard => Interlocked.Read(ref changesHeard);

    private long changesHeard;

    /// <summary>Postgres told of a change to appointments (any replica's or any other writer's).</summary>
    internal void ChangeHeard()
    {
        Invalidate();
        Interlocked.Increment(ref changesHeard);
    }

    /// <summary>Whether changes are being heard; without it nothing is kept.</summary>
    internal void SetListening(bool value)
    {
        lock (gate)
        {
            listening = value;
            version++;
            entries.Clear();
        }
    }
}
