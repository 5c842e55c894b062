using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Booking.Slots;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// The slot picker asked for a week from today's UTC date: a department west of UTC lost its evening's remaining
/// times once UTC had passed midnight, and one far east lost the week's seventh day. It now asks for seven days from
/// the department's today (<c>?days=7</c>) and pages on from the <c>from</c> it gets. Pago Pago (UTC−11) and
/// Kiritimati (UTC+14), on the factory's clock (Monday 1 March 2027, 08:00 UTC: Sunday evening in Pago Pago).
/// </summary>
public class FarZoneSlotsTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    [Theory]
    [InlineData("Pacific/Pago_Pago")]
    [InlineData("Pacific/Kiritimati")]
    public async Task Seven_days_are_the_departments_own_today_and_the_six_after(string zone)
    {
        var concern = await DeskAsync(zone);
        var now = factory.Clock.GetUtcNow();
        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/booking/concerns/{concern}/slots?days=7");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        Assert.Equal(today, DateOnly.Parse(body.GetProperty("from").GetString()!));
        Assert.Equal(today.AddDays(6), DateOnly.Parse(body.GetProperty("to").GetString()!));
        Assert.Equal(zone, body.GetProperty("timeZone").GetString());
        var days = body.GetProperty("slots").EnumerateArray()
            .Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.GetProperty("start").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime))
            .Distinct().ToList();
        // Open around the clock: every day of the seven has times, today's until its last quarter of an hour.
        Assert.Equal(Enumerable.Range(0, 7).Select(today.AddDays).Where(d => d > today || LocalHour(zone, now) < 23), days);
    }

    [Theory]
    [InlineData("days=0", "days")]
    [InlineData("days=-1", "days")]
    [InlineData("days=seven", "days")]
    [InlineData("days=+7", "days")]
    [InlineData("days=7%00", "days")]
    [InlineData("days=99999999999", "days")]
    [InlineData("days=63", "days")]
    [InlineData("days=7&to=2030-01-01", "days")]
    [InlineData("from=2030-02-30&days=7", "from")]
    [InlineData("from=9999-12-31", "from")]
    [InlineData("from=9999-12-31&days=1", "from")]
    [InlineData("from=0001-01-01&days=2", "from")]
    [InlineData("from=2027-03-01&to=9999-12-31", "to")]
    [InlineData("from=2027-03-01&to=0001-01-01", "to")]
    public async Task A_number_of_days_that_is_no_count_of_at_most_62_or_a_far_date_is_refused_naming_it(string query, string field)
    {
        var concern = await DeskAsync("Pacific/Pago_Pago");
        var response = await factory.CreateClient().GetAsync($"/api/booking/concerns/{concern}/slots?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Days_from_a_date_count_from_that_date()
    {
        var concern = await DeskAsync("Pacific/Kiritimati");
        var from = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(20);
        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/booking/concerns/{concern}/slots?from={from:yyyy-MM-dd}&days=62");
        Assert.Equal(from.AddDays(61), DateOnly.Parse(body.GetProperty("to").GetString()!));
    }

    /// <summary>
    /// "Hours end at 23:59 at the latest": a line staffed until midnight could not say so. Kiritimati (UTC+14, 22:00 on
    /// the factory's clock) is open for appointments 00:00–24:00 and at the live counter 20:00–24:00: tomorrow's last
    /// time begins at 23:45 and ends at the department's midnight, the hours read "24:00" (not "00:00") to the admin
    /// and to residents, and the counter is open now.
    /// </summary>
    [Fact]
    public async Task A_range_until_24_00_is_kept_and_gives_times_until_the_departments_midnight()
    {
        const string zone = "Pacific/Kiritimati";
        var concern = await DeskAsync(zone);
        var key = concern[..^"-visit".Length];
        var admin = factory.CreateStaffClient(Staff.Admin());
        var allDay = Enum.GetValues<DayOfWeek>().Select(day => new { day = (int)day, opens = "00:00", closes = "24:00" }).ToArray();
        (await admin.PutAsJsonAsync($"/api/booking/admin/departments/{key}/appointment-hours", allDay)).EnsureSuccessStatusCode();
        var evenings = Enum.GetValues<DayOfWeek>().Select(day => new { day = (int)day, opens = "20:00", closes = "24:00" }).ToArray();
        (await admin.PutAsJsonAsync($"/api/booking/admin/departments/{key}/opening-hours", evenings)).EnsureSuccessStatusCode();

        var kiritimati = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), kiritimati).DateTime).AddDays(1);
        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/booking/concerns/{concern}/slots?from={tomorrow:yyyy-MM-dd}&days=1");
        var slots = body.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(96, slots.Count);
        var last = slots[^1];
        Assert.Equal("23:45", TimeZoneInfo.ConvertTime(last.GetProperty("start").GetDateTimeOffset(), kiritimati).ToString("HH:mm"));
        Assert.Equal(SlotCalculator.ToInstant(tomorrow.AddDays(1), TimeOnly.MinValue, kiritimati), last.GetProperty("end").GetDateTimeOffset());

        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/booking/admin/departments")).EnumerateArray().Single(d => d.GetProperty("key").GetString() == key);
        Assert.All(listed.GetProperty("appointmentHours").EnumerateArray(), h => Assert.Equal("24:00", h.GetProperty("closes").GetString()));
        Assert.All(listed.GetProperty("openingHours").EnumerateArray(), h => Assert.Equal("24:00", h.GetProperty("closes").GetString()));
        var catalogue = (await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/booking/concerns")).EnumerateArray().Single(d => d.GetProperty("key").GetString() == key);
        Assert.Equal("20:00", catalogue.GetProperty("openingHours")[0].GetProperty("opens").GetString());
        Assert.Equal("24:00", catalogue.GetProperty("openingHours")[0].GetProperty("closes").GetString());
        Assert.Equal("24:00", catalogue.GetProperty("appointmentHours")[0].GetProperty("closes").GetString());
        Assert.True(catalogue.GetProperty("openNow").GetBoolean());
    }

    private static int LocalHour(string zone, DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(zone)).Hour;

    /// <summary>A department in <paramref name="zone"/>, open for appointments around the clock, with one clerk.</summary>
    private async Task<string> DeskAsync(string zone)
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var key = "far-" + zone.Split('/')[1].ToLowerInvariant().Replace('_', '-');
        (await admin.PutAsJsonAsync($"/api/booking/admin/departments/{key}", new
        {
            nameDe = "Fernamt", nameEn = "Far office", timeZone = zone, mailboxEmail = $"{key}@stadt.example", sortOrder = 900,
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/booking/admin/concerns/{key}-visit", new
        {
            departmentKey = key, nameDe = "Fernbesuch", nameEn = "Far visit", durationMinutes = 15, bufferMinutes = 0, sortOrder = 900,
        })).EnsureSuccessStatusCode();
        var allDay = Enum.GetValues<DayOfWeek>().Select(day => new { day = (int)day, opens = "00:00", closes = "23:59" }).ToArray();
        (await admin.PutAsJsonAsync($"/api/booking/admin/departments/{key}/appointment-hours", allDay)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/booking/admin/staff/{StaffId(key)}", new
        {
            staffName = "Fiona Fern " + key[4..], departmentKey = key, concernKeys = new[] { $"{key}-visit" },
        })).EnsureSuccessStatusCode();
        return $"{key}-visit";
    }

    /// <summary>One clerk per desk, whichever test sets it up first (a second PUT of the same id changes nothing).</summary>
    private static Guid StaffId(string key) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}
