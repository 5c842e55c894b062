using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Municipal.Booking.Model;
using Municipal.Booking.Slots;
using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <summary>What residents can come for, when the counter is open, and which slots are free.</summary>
public static class ConcernsApi
{
    public static RouteGroupBuilder MapConcernsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/concerns", ListConcerns).AllowAnonymous();
        api.MapGet("/concerns/{key}", GetConcern).AllowAnonymous();
        api.MapGet("/concerns/{key}/slots", GetSlots).AllowAnonymous();
        return api;
    }

    /// <summary>
    /// The catalogue, from the in-memory calendar: its JSON is built once per calendar version and combination of
    /// "open now" flags (those are worked out on every request, cheaply) and sent with an entity tag, so a page that
    /// has it answers a revalidation with 304. <c>no-cache</c>: a browser asks every time, as a counter may open or
    /// close at any minute, and an admin's change shows at once.
    /// </summary>
    public static async Task<IResult> ListConcerns(HttpContext http, CalendarCache cache, TimeProvider time,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var snapshot = await cache.GetAsync().WaitAsync(ct);
        var now = time.GetUtcNow();
        var open = snapshot.Departments.Select(d => IsOpenNow(snapshot, d, now)).ToList();
        var flags = string.Concat(open.Select(o => o ? '1' : '0'));
        var body = snapshot.Catalogue;
        if (body is null || body.OpenFlags != flags)
        {
            IReadOnlyList<DepartmentDto> result = snapshot.Departments.Select((d, i) =>
            {
                var own = snapshot.Hours.Where(h => h.DepartmentKey == d.Key).ToList();
                return new DepartmentDto(d.Key, Localized.NameOf(d), d.TimeZone, open[i], OpeningRange.Of(own, HoursKinds.Live),
                    snapshot.Concerns.Where(c => c.DepartmentKey == d.Key).Select(c => ConcernDto.From(snapshot.Calendar(c.Key), c)).ToList(),
                    OpeningRange.Of(own, HoursKinds.Appointments));
            }).ToList();
            var bytes = JsonSerializer.SerializeToUtf8Bytes(result, json.Value.SerializerOptions);
            body = new CatalogueBody(flags, bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 16)}\"");
            snapshot.Catalogue = body;
        }

        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = body.ETag;
        if (http.Request.Headers.IfNoneMatch.Contains(body.ETag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(body.Json, "application/json; charset=utf-8");
    }

    private static bool IsOpenNow(CalendarSnapshot snapshot, Department department, DateTimeOffset now)
    {
        var own = snapshot.Hours.Where(h => h.DepartmentKey == department.Key);
        var closed = snapshot.Closures.Where(c => c.DepartmentKey == null || c.DepartmentKey == department.Key).Select(c => c.Date).ToHashSet();
        return SlotCalculator.IsOpen(now, snapshot.ZoneOf(department), SlotService.Ranges(own, HoursKinds.Live), closed);
    }

    public static async Task<Results<Ok<ConcernDto>, ProblemHttpResult>> GetConcern(string key, CalendarCache cache, CancellationToken ct)
    {
        var calendar = (await cache.GetAsync().WaitAsync(ct)).Calendar(key);
        return calendar is null ? Problems.NotFound(new Reason("no-concern", $"No concern '{key}'.").With("key", key)) : TypedResults.Ok(ConcernDto.From(calendar, calendar.Concern));
    }

    public static async Task<Results<Ok<SlotsDto>, ValidationProblem, ProblemHttpResult>> GetSlots(
        string key, [AsParameters] SlotsQuery query, SlotService slots, TimeProvider time, CancellationToken ct)
    {
        var calendar = await slots.CalendarAsync(key, ct);
        if (calendar is null) return Problems.NotFound(new Reason("no-concern", $"No concern '{key}'.").With("key", key));
        if (query.Validate(calendar.LocalDate(time.GetUtcNow()), out var fromDate, out var toDate) is { Count: > 0 } errors)
            return Problems.Fields(errors);

        var free = await slots.FreeSlotsAsync(calendar, fromDate, toDate, null, ct);
        return TypedResults.Ok(new SlotsDto(key, calendar.TimeZone.Id, fromDate, toDate, slots.LastBookableDay(calendar), free.Select(SlotDto.From).ToList()));
    }
}
