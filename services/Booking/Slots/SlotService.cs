using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Microsoft.Extensions.Options;
using Municipal.ServiceDefaults;

namespace Municipal.Booking.Slots;

/// <summary>Loads a concern's calendar from the database and asks <see cref="SlotCalculator"/> for free slots.</summary>
public sealed class SlotService(BookingDb db, CalendarCache cache, FreeSlotCache freeSlots, IServiceScopeFactory scopes, TimeProvider time,
    IConfiguration configuration, IOptions<BookingOptions> options)
{
    /// <summary>The last day, the department's, on which a slot of the calendar may be booked (<see cref="BookingOptions.HorizonDays"/>).</summary>
    public DateOnly LastBookableDay(ConcernCalendar calendar) => calendar.LocalDate(time.GetUtcNow()).AddDays(options.Value.HorizonDays);

    /// <summary>Why <paramref name="start"/> lies beyond the days that may be booked, or null when it does not.</summary>
    public Reason? BeyondHorizon(ConcernCalendar calendar, DateTimeOffset start)
    {
        var last = LastBookableDay(calendar);
        return calendar.LocalDate(start) <= last ? null
            : new Reason("beyond-horizon", $"Appointments can be booked up to {options.Value.HorizonDays} days ahead, until {last:yyyy-MM-dd}.")
                .With("days", options.Value.HorizonDays).With("until", last.ToString("yyyy-MM-dd"));
    }

    /// <summary>A concern's calendar from the in-memory copy (<see cref="CalendarCache"/>); null for an unknown or inactive concern.</summary>
    public async Task<ConcernCalendar?> CalendarAsync(string concernKey, CancellationToken ct) =>
        (await cache.GetAsync().WaitAsync(ct)).Calendar(concernKey);

    /// <summary>
    /// An appointment's concern, department and time zone: from the kept calendar, else read (a concern no longer offered,
    /// or moved to another department since: its appointments are still described and mailed).
    /// </summary>
    public Task<(Concern Concern, Department Department, TimeZoneInfo TimeZone)> ConcernOfAsync(Appointment appointment, CancellationToken ct) =>
        ConcernOfAsync(appointment.ConcernKey, appointment.DepartmentKey, ct);

    /// <summary>The same for a queue ticket's (or any booked) concern and department.</summary>
    public async Task<(Concern Concern, Department Department, TimeZoneInfo TimeZone)> ConcernOfAsync(string concernKey, string departmentKey, CancellationToken ct)
    {
        if (await CalendarAsync(concernKey, ct) is { } calendar && calendar.Department.Key == departmentKey)
            return (calendar.Concern, calendar.Department, calendar.TimeZone);
        var concern = await db.Concerns.AsNoTracking().FirstAsync(c => c.Key == concernKey, ct);
        var department = await db.Departments.AsNoTracking().FirstAsync(d => d.Key == departmentKey, ct);
        return (concern, department, TimeZoneOf(department));
    }

    public static List<(DayOfWeek Day, TimeOnly Opens, TimeSpan Closes)> Ranges(IEnumerable<OpeningHour> hours, string kind) =>
        hours.Where(h => h.Kind == kind).Select(h => (h.DayOfWeek, h.Opens, h.Closes)).ToList();

    public TimeZoneInfo TimeZoneOf(Department department) => ZoneOf(department, configuration);

    public static TimeZoneInfo ZoneOf(Department department, IConfiguration configuration)
    {
        var id = string.IsNullOrWhiteSpace(department.TimeZone) ? CityClock.ZoneId(configuration) : department.TimeZone;
        return TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    /// <summary>
    /// Free slots between two local dates (inclusive) not yet begun, ignoring one appointment (the one being moved).
    /// Without one to ignore they come from <see cref="FreeSlotCache"/>, computed for the whole days and filtered by the
    /// time of day here, so a kept range stays right as the day goes on. Days after <see cref="LastBookableDay"/> have none.
    /// </summary>
    public async Task<IReadOnlyList<Slot>> FreeSlotsAsync(ConcernCalendar calendar, DateOnly from, DateOnly to, Guid? ignoring, CancellationToken ct)
    {
        var last = LastBookableDay(calendar);
        if (from > last) return [];
        if (to > last) to = last;
        var all = ignoring is null
            ? await freeSlots.GetAsync(calendar, from, to, () => ComputeSharedAsync(calendar, from, to)).WaitAsync(ct)
            : await ComputeAsync(db, calendar, from, to, ignoring, ct);
        var now = time.GetUtcNow();
        // Strictly later, as a booking requires (a time beginning this instant is no longer bookable).
        return all.All(s => s.Start > now) ? all : all.Where(s => s.Start > now).ToList();
    }

    /// <summary>A computation shared by every request that waits for it: on a scope of its own, so it runs to its end whoever gave up waiting.</summary>
    private async Task<IReadOnlyList<Slot>> ComputeSharedAsync(ConcernCalendar calendar, DateOnly from, DateOnly to)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ComputeAsync(scope.ServiceProvider.GetRequiredService<BookingDb>(), calendar, from, to, null, CancellationToken.None);
    }

    /// <summary>The free slots of whole days, begun or not, from one read of the clerks' appointments.</summary>
    private static async Task<IReadOnlyList<Slot>> ComputeAsync(BookingDb db, ConcernCalendar calendar, DateOnly from, DateOnly to, Guid? ignoring,
        CancellationToken ct)
    {
        var windowStart = SlotCalculator.ToInstant(from, TimeOnly.MinValue, calendar.TimeZone).AddDays(-1);
        var windowEnd = SlotCalculator.ToInstant(to, TimeOnly.MinValue, calendar.TimeZone).AddDays(2);
        // Ignoring none, Guid.Empty: no appointment has that id.
        var busy = await db.Database.SqlQueryRaw<Busy>(BusyInWindow, windowStart, windowEnd, calendar.Staff.ToArray(), ignoring ?? Guid.Empty)
            .ToListAsync(ct);
        return SlotCalculator.Compute(new SlotRequest(calendar.TimeZone, calendar.AppointmentHours, calendar.Closures,
            calendar.Concern.Duration, calendar.Concern.Buffer, calendar.Staff, busy, from, to, DateTimeOffset.MinValue));
    }

    /// <summary>The appointments of the clerks {2} between {0} and {1}, but {3}, named as <see cref="Busy"/>'s members.</summary>
    private static readonly string BusyInWindow =
        $$"""SELECT staff_id AS "StaffId", start_at AS "From", blocked_until AS "Until" FROM appointments WHERE {{AppointmentBooker.BusyBetween("{0}", "{1}")}} AND staff_id = ANY({2}) AND id <> {3}""";

    /// <summary>Whether the kept free slots show the slot free (true), taken (false), or nothing is kept for its day (null).</summary>
    public bool? IsKeptFree(ConcernCalendar calendar, DateTimeOffset start) => freeSlots.IsKeptFree(calendar, start);

    /// <summary>
    /// The database refused as taken a slot the kept free slots showed free: they are behind, another replica's booking
    /// whose notice has not come yet (a busy host hears it late). They are dropped, so the times offered instead, and
    /// the next list, are read after that booking.
    /// </summary>
    public void KeptFreeSlotsBehind() => freeSlots.Invalidate();

    /// <summary>The next free slots after an instant, for offering alternatives (a lost race: not the time just refused; a closed queue).</summary>
    public async Task<IReadOnlyList<Slot>> NextFreeAsync(ConcernCalendar calendar, DateTimeOffset after, int count, CancellationToken ct)
    {
        var from = calendar.LocalDate(after);
        var result = new List<Slot>();
        for (var week = 0; week < 8 && result.Count < count; week++)
        {
            var slots = await FreeSlotsAsync(calendar, from.AddDays(week * 7), from.AddDays(week * 7 + 6), null, ct);
            result.AddRange(slots.Where(s => s.Start > after).Take(count - result.Count));
        }
        return result;
    }
}
