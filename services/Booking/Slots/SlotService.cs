using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.ServiceDefaults;

namespace Municipal.Booking.Slots;

/// <summary>Loads a concern's calendar from the database and asks <see cref="SlotCalculator"/> for free slots.</summary>
public sealed class SlotService(BookingDb db, TimeProvider time, IConfiguration configuration)
{
    public async Task<ConcernCalendar?> CalendarAsync(string concernKey, CancellationToken ct)
    {
        var concern = await db.Concerns.AsNoTracking().FirstOrDefaultAsync(c => c.Key == concernKey && c.Active, ct);
        if (concern is null) return null;
        var department = await db.Departments.AsNoTracking().FirstAsync(d => d.Key == concern.DepartmentKey, ct);
        var hours = await db.OpeningHours.AsNoTracking().Where(h => h.DepartmentKey == department.Key).ToListAsync(ct);
        var closures = await db.Closures.AsNoTracking()
            .Where(c => c.DepartmentKey == null || c.DepartmentKey == department.Key).Select(c => c.Date).ToListAsync(ct);
        var staff = await db.StaffSkills.AsNoTracking().Where(s => s.ConcernKey == concernKey)
            .Select(s => s.StaffId).Distinct().OrderBy(s => s).ToListAsync(ct);
        return new ConcernCalendar(concern, department, TimeZoneOf(department),
            hours.Select(h => (h.DayOfWeek, h.Opens, h.Closes)).ToList(), closures.ToHashSet(), staff);
    }

    public TimeZoneInfo TimeZoneOf(Department department)
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
        return SlotCalculator.Compute(new SlotRequest(calendar.TimeZone, calendar.OpeningHours, calendar.Closures,
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
