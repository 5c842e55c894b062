using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Booking.Slots;
using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <summary>What residents can come for, when the counter is open, and which slots are free.</summary>
public static class ConcernsApi
{
    private const int MaxDays = 62;

    public static RouteGroupBuilder MapConcernsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/concerns", ListConcerns).AllowAnonymous();
        api.MapGet("/concerns/{key}", GetConcern).AllowAnonymous();
        api.MapGet("/concerns/{key}/slots", GetSlots).AllowAnonymous();
        return api;
    }

    public static async Task<Ok<IReadOnlyList<DepartmentDto>>> ListConcerns(BookingDb db, SlotService slots, TimeProvider time, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Key).ToListAsync(ct);
        var concerns = await db.Concerns.AsNoTracking().Where(c => c.Active).OrderBy(c => c.SortOrder).ThenBy(c => c.Key).ToListAsync(ct);
        var hours = await db.OpeningHours.AsNoTracking().OrderBy(h => h.DayOfWeek).ThenBy(h => h.Opens).ToListAsync(ct);
        var closures = await db.Closures.AsNoTracking().ToListAsync(ct);
        var now = time.GetUtcNow();

        IReadOnlyList<DepartmentDto> result = departments.Select(d =>
        {
            var own = hours.Where(h => h.DepartmentKey == d.Key).ToList();
            var closed = closures.Where(c => c.DepartmentKey == null || c.DepartmentKey == d.Key).Select(c => c.Date).ToHashSet();
            var open = SlotCalculator.IsOpen(now, slots.TimeZoneOf(d), SlotService.Ranges(own, HoursKinds.Live), closed);
            return new DepartmentDto(d.Key, Localized.NameOf(d), d.TimeZone, open, OpeningRange.Of(own, HoursKinds.Live),
                concerns.Where(c => c.DepartmentKey == d.Key).Select(ConcernDto.From).ToList(), OpeningRange.Of(own, HoursKinds.Appointments));
        }).ToList();
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<ConcernDto>, ProblemHttpResult>> GetConcern(string key, BookingDb db, CancellationToken ct)
    {
        var concern = await db.Concerns.AsNoTracking().FirstOrDefaultAsync(c => c.Key == key && c.Active, ct);
        return concern is null ? Problems.NotFound($"No concern '{key}'.") : TypedResults.Ok(ConcernDto.From(concern));
    }

    public static async Task<Results<Ok<SlotsDto>, ValidationProblem, ProblemHttpResult>> GetSlots(
        string key, string? from, string? to, SlotService slots, TimeProvider time, CancellationToken ct)
    {
        var calendar = await slots.CalendarAsync(key, ct);
        if (calendar is null) return Problems.NotFound($"No concern '{key}'.");

        var today = calendar.LocalDate(time.GetUtcNow());
        if (!TryDate(from, today, out var fromDate)) return Problems.Field("from", Reasons.DateFormat("2026-03-30"));
        if (!TryDate(to, fromDate.AddDays(13), out var toDate)) return Problems.Field("to", Reasons.DateFormat("2026-04-12"));
        if (toDate < fromDate) return Problems.Field("to", Reasons.ToBeforeFrom);
        if (toDate.DayNumber - fromDate.DayNumber >= MaxDays) return Problems.Field("to", Reasons.TooManyDays(MaxDays));

        var free = await slots.FreeSlotsAsync(calendar, fromDate, toDate, null, ct);
        return TypedResults.Ok(new SlotsDto(key, calendar.TimeZone.Id, fromDate, toDate, free.Select(SlotDto.From).ToList()));
    }

    private static bool TryDate(string? value, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(value)) { date = fallback; return true; }
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", out date);
    }
}
