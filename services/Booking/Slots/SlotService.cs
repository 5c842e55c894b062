using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.ServiceDefaults;

namespace Municipal.Booking.Slots;

/// <summary>Loads a concern's calendar from the database and asks <see cref="SlotCalculator"/> for free slots.</summary>
public sealed class SlotService(BookingDb db, CalendarCache cache, TimeProvider time, IConfiguration configuration)
{
    /// <summary>A concern's calendar from the in-memory copy (<see cref="CalendarCache"/>); null for an unknown or inactive concern.</summary>
    public async Task<ConcernCalendar?> CalendarAsync(string concernKey, CancellationToken ct) =>
        (await cache.GetAsync().WaitAsync(ct)).Calendar(concernKey);

    public static List<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)> Ranges(IEnumerable<OpeningHour> hours, string kind) =>
        hours.Where(h => h.Kind == kind).Select(h => (h.DayOfWeek, h.Opens, h.Closes)).ToList();

    public TimeZoneInfo TimeZoneOf(Department department) => ZoneOf(department, configuration);

    public static TimeZoneInfo ZoneOf(Department department, IConfiguration configuration)
    {
        var id = string.IsNullOrWhiteSpace(department.TimeZone) ? CityClock.ZoneId(configuration) : department.TimeZone;
        return TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    /// <summary>Free slots between two local dates (inclusive), ignoring one appointment (the one being moved).</summary>
    public async Task<IReadOnlyList<Slot>> FreeSlotsAsync(ConcernCalendar calendar, DateOnly from, DateOnly to, Guid? ignoring, CancellationToken ct)
    {
        var windowStart = SlotCalculator.ToInstant(from, TimeOnly.MinValue, calendar.TimeZone).AddDays(-1);
        var windowEnd = SlotCalculator.ToInstant(to, TimeOnly.MinValue, calendar.TimeZone).AddDays(2);
        var staff = calendar.Staff.ToList();
        var busy = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && staff.Contains(a.StaffId)
                && a.StartAt < windowEnd && a.BlockedUntil > windowStart && a.Id != ignoring)
            .Select(a => new Busy(a.StaffId, a.StartAt, a.BlockedUntil))
            .ToListAsync(ct);
        return SlotCalculator.Compute(new SlotRequest(calendar.TimeZone, calendar.AppointmentHours, calendar.Closures,
            calendar.Concern.Duration, calendar.Concern.Buffer, calendar.Staff, busy, from, to, time.GetUtcNow()));
    }

    /// <summary>The next free slots from an instant on, for offering alternatives (a lost race, a closed queue).</summary>
    public async Task<IReadOnlyList<Slot>> NextFreeAsync(ConcernCalendar calendar, DateTimeOffset after, int count, CancellationToken ct)
    {
        var from = calendar.LocalDate(after);
        var result = new List<Slot>();
        for (var week = 0; week < 8 && result.Count < count; week++)
        {
            var slots = await FreeSlotsAsync(calendar, from.AddDays(week * 7), from.AddDays(week * 7 + 6), null, ct);
            result.AddRange(slots.Where(s => s.Start >= after).Take(count - result.Count));
        }
        return result;
    }
}
