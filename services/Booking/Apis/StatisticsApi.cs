using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Booking.Statistics;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <summary>
/// How the counter is used, for supervisors: waiting and handling times, counts per concern and channel,
/// no-shows and ratings, by day and by week. A supervisor bound to departments sees those; an admin, or a
/// supervisor bound to none, sees the whole city.
/// </summary>
public static class StatisticsApi
{
    public static RouteGroupBuilder MapStatisticsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/statistics", Get).RequireAuthorization(StaffPolicies.Supervisor);
        return api;
    }

    public static async Task<Results<Ok<StatisticsDto>, ValidationProblem, ProblemHttpResult>> Get(
        [AsParameters] StatisticsQuery query, ClaimsPrincipal user, BookingDb db, TimeProvider time, IConfiguration configuration, CancellationToken ct)
    {
        var zone = CityClock.Zone(configuration);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (query.Validate(today, out var fromDate, out var toDate) is { Count: > 0 } errors) return Problems.Fields(errors);
        var department = query.Department;

        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder)
            .Select(d => new DepartmentNameDto(d.Key, d.NameDe, d.NameEn, d.NameFr, d.NameIt)).ToListAsync(ct);
        var allDepartments = departments.Select(d => d.Key).ToList();
        var bound = user.IsInRole(StaffRoles.Admin) ? [] : user.Departments();
        var visible = bound.Count == 0 ? allDepartments : allDepartments.Where(bound.Contains).ToList();
        if (department is { Length: > 0 })
        {
            if (!allDepartments.Contains(department)) return Problems.Field("department", new Reason("no-department", $"There is no department '{department}'.").With("key", department));
            if (!visible.Contains(department)) return Problems.Forbidden(new Reason("statistics-own-departments", "You see the statistics of your own departments only."));
            visible = [department];
        }

        var (start, end) = (Midnight(fromDate, zone), Midnight(toDate.AddDays(1), zone));
        DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

        var consultations = await db.Consultations.AsNoTracking()
            .Where(c => c.EndedAt >= start && c.EndedAt < end && visible.Contains(c.DepartmentKey)).ToListAsync(ct);
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && a.StartAt >= start && a.StartAt < end && visible.Contains(a.DepartmentKey))
            .Select(a => new { a.StartAt, a.EndAt, a.ConcernKey, a.JoinedAt }).ToListAsync(ct);
        var tickets = await db.QueueTickets.AsNoTracking()
            .Where(t => t.Status != TicketStatus.Cancelled && t.IssuedAt >= start && t.IssuedAt < end && visible.Contains(t.DepartmentKey))
            .Select(t => new { t.IssuedAt, t.ConcernKey, t.Status }).ToListAsync(ct);
        var feedback = await db.Feedback.AsNoTracking()
            .Where(f => f.GivenAt >= start && f.GivenAt < end && visible.Contains(f.DepartmentKey)).ToListAsync(ct);
        var concerns = await db.Concerns.AsNoTracking().Where(c => visible.Contains(c.DepartmentKey)).OrderBy(c => c.SortOrder)
            .Select(c => new ConcernNameDto(c.Key, c.DepartmentKey, c.NameDe, c.NameEn, c.NameFr, c.NameIt)).ToListAsync(ct);

        var facts = new StatisticsFacts(
            consultations.Select(c => new ConsultationFact(Day(c.EndedAt), c.ConcernKey, c.Channel, c.WaitingSeconds, c.HandlingSeconds)).ToList(),
            // An appointment whose time passed without the resident entering the room is a no-show.
            appointments.Select(a => new AppointmentFact(Day(a.StartAt), a.ConcernKey, a.EndAt < now && a.JoinedAt == null)).ToList(),
            tickets.Select(t => new TicketFact(Day(t.IssuedAt), t.ConcernKey, t.Status == TicketStatus.Missed)).ToList(),
            feedback.Select(f => new FeedbackFact(Day(f.GivenAt), f.Score)).ToList());
        var (total, days, weeks) = StatisticsCalculator.Compute(facts, fromDate, toDate);
        return TypedResults.Ok(new StatisticsDto(fromDate, toDate, zone.Id, departments.Where(d => visible.Contains(d.Key)).ToList(), concerns, total, days, weeks));
    }

    private static DateTimeOffset Midnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
