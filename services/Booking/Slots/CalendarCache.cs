using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;

namespace Municipal.Booking.Slots;

/// <summary>
/// Keeps the calendar (<see cref="CalendarSnapshot"/>) in memory so a slot request or a booking reads no
/// department, concern, hours, closure or staff row. Every change drops it: this replica's own writes at once
/// (<see cref="CalendarChangeInterceptor"/>), every replica's and any other writer's through Postgres
/// <c>NOTIFY</c> from triggers on those tables (<see cref="CalendarChangeListener"/>). While that listener is not
/// connected nothing is kept, each request loads afresh, so a replica that could miss a change never serves an old
/// calendar. A load that overlaps a change is used by the requests that were already waiting for it but not kept.
/// </summary>
public sealed class CalendarCache(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private readonly Lock gate = new();
    private long version;
    private bool listening;
    private Task<CalendarSnapshot>? current;
    private long currentVersion = -1;

    /// <summary>The calendar as of now (loaded if none is kept).</summary>
    public Task<CalendarSnapshot> GetAsync()
    {
        lock (gate)
        {
            if (current is { IsFaulted: false, IsCanceled: false } kept && currentVersion == version && listening) return kept;
            var load = LoadAsync(version);
            if (!listening) return load;
            (current, currentVersion) = (load, version);
            return load;
        }
    }

    /// <summary>Something in the calendar changed: the next request loads it again.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            version++;
            current = null;
        }
    }

    /// <summary>Whether changes are being heard; without it nothing is kept.</summary>
    internal void SetListening(bool value)
    {
        lock (gate)
        {
            listening = value;
            version++;
            current = null;
        }
    }

    private async Task<CalendarSnapshot> LoadAsync(long atVersion)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Key).ToListAsync();
        var concerns = await db.Concerns.AsNoTracking().Where(c => c.Active).OrderBy(c => c.SortOrder).ThenBy(c => c.Key).ToListAsync();
        var hours = await db.OpeningHours.AsNoTracking().OrderBy(h => h.DayOfWeek).ThenBy(h => h.Opens).ToListAsync();
        var closures = await db.Closures.AsNoTracking().ToListAsync();
        var skills = await db.StaffSkills.AsNoTracking().Select(s => new { s.ConcernKey, s.StaffId }).ToListAsync();

        var zones = departments.ToDictionary(d => d.Key, d => SlotService.ZoneOf(d, configuration));
        var staffByConcern = skills.GroupBy(s => s.ConcernKey)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(s => s.StaffId).Distinct().Order().ToList());
        var byKey = departments.ToDictionary(d => d.Key);
        var calendars = new Dictionary<string, ConcernCalendar>();
        foreach (var concern in concerns)
        {
            if (!byKey.TryGetValue(concern.DepartmentKey, out var department)) continue;
            var own = hours.Where(h => h.DepartmentKey == department.Key).ToList();
            var closed = closures.Where(c => c.DepartmentKey == null || c.DepartmentKey == department.Key).Select(c => c.Date).ToHashSet();
            calendars[concern.Key] = new ConcernCalendar(concern, department, zones[department.Key],
                SlotService.Ranges(own, HoursKinds.Live), SlotService.Ranges(own, HoursKinds.Appointments), closed,
                staffByConcern.GetValueOrDefault(concern.Key) ?? []);
        }
        return new CalendarSnapshot(atVersion, departments, concerns, hours, closures, calendars, zones);
    }
}
