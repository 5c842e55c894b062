using Municipal.Booking.Model;

namespace Municipal.Booking.Slots;

/// <summary>
/// The city's calendar as read on every slot request and booking: departments, active concerns, both kinds of hours,
/// closures and which clerks handle what, with each concern's <see cref="ConcernCalendar"/> built once.
/// Immutable once built; <see cref="CalendarCache"/> replaces it whole when anything in it changes.
/// </summary>
public sealed class CalendarSnapshot(
    long version,
    IReadOnlyList<Department> departments,
    IReadOnlyList<Concern> concerns,
    IReadOnlyList<OpeningHour> hours,
    IReadOnlyList<Closure> closures,
    IReadOnlyDictionary<string, ConcernCalendar> calendars,
    IReadOnlyDictionary<string, TimeZoneInfo> zones)
{
    /// <summary>The cache's version this was loaded at; changes with every invalidation.</summary>
    public long Version { get; } = version;
    /// <summary>Ordered as residents see them (sort order, then key).</summary>
    public IReadOnlyList<Department> Departments { get; } = departments;
    /// <summary>Active concerns only, ordered as residents see them.</summary>
    public IReadOnlyList<Concern> Concerns { get; } = concerns;
    public IReadOnlyList<OpeningHour> Hours { get; } = hours;
    public IReadOnlyList<Closure> Closures { get; } = closures;

    /// <summary>The calendar of an active concern, or null.</summary>
    public ConcernCalendar? Calendar(string key) => calendars.GetValueOrDefault(key);

    public TimeZoneInfo ZoneOf(Department department) => zones[department.Key];

    /// <summary>The catalogue's JSON for a combination of "open now" flags, built on first use (see ConcernsApi).</summary>
    internal CatalogueBody? Catalogue;
}

/// <summary>The catalogue's serialized body and its entity tag, valid for one snapshot and one set of open flags.</summary>
internal sealed record CatalogueBody(string OpenFlags, byte[] Json, string ETag);
