using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.FaultDay;

/// <summary>
/// The day's own department, open around the clock (UTC), with one concern residents book appointments for (many
/// clerks, so slots have room) and one they queue for, which the signed-in administrator serves.
/// </summary>
public sealed record Counter(HttpClient Staff, Guid StaffId, string BookingConcern, string QueueConcern, IReadOnlyList<DateTimeOffset> Slots)
{
    private const string Department = "fault-day";
    private const int BookingClerks = 30;

    public static HttpClient NewClient() => new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 })
    {
        BaseAddress = new Uri(TestEnvironment.GatewayUrl),
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static async Task<Counter> OpenAsync(string run, CancellationToken ct)
    {
        var staff = NewClient();
        await SignInAsync(staff, ct);
        var me = await staff.GetFromJsonAsync<JsonElement>("/api/auth/me", ct);
        var staffId = me.GetProperty("id").GetGuid();

        await OkAsync(staff.PutAsJsonAsync($"/api/booking/admin/departments/{Department}",
            new { nameDe = "Störungstag", nameEn = "Fault day", timeZone = "UTC", mailboxEmail = "fault-day@stadt.example", sortOrder = 950 }, ct));
        var allDay = Enum.GetValues<DayOfWeek>().Select(day => new { day = (int)day, opens = "00:00", closes = "23:59" }).ToArray();
        await OkAsync(staff.PutAsJsonAsync($"/api/booking/admin/departments/{Department}/opening-hours", allDay, ct));
        await OkAsync(staff.PutAsJsonAsync($"/api/booking/admin/departments/{Department}/appointment-hours", allDay, ct));
        var bookingConcern = $"fault-day-booking-{run}";
        var queueConcern = $"fault-day-queue-{run}";
        foreach (var concern in new[] { bookingConcern, queueConcern })
        {
            await OkAsync(staff.PutAsJsonAsync($"/api/booking/admin/concerns/{concern}", new
            {
                departmentKey = Department, nameDe = $"Störungstag {concern}", nameEn = $"Fault day {concern}",
                durationMinutes = 10, bufferMinutes = 0, channels = new[] { "chat" }, sortOrder = 950,
            }, ct));
        }
        for (var i = 0; i < BookingClerks; i++)
        {
            await OkAsync(staff.PutAsJsonAsync($"/api/booking/admin/staff/{Guid.NewGuid()}",
                new { staffName = $"Fault day clerk {i}", departmentKey = Department, concernKeys = new[] { bookingConcern } }, ct));
        }
        // The administrator serves the queue concern (and only it among this department's).
        await OkAsync(staff.PutAsJsonAsync($"/api/booking/admin/staff/{staffId}",
            new { staffName = "Fault day admin", departmentKey = Department, concernKeys = new[] { queueConcern } }, ct));

        var from = DateTime.UtcNow.Date.AddDays(1);
        var body = await staff.GetFromJsonAsync<JsonElement>(
            $"/api/booking/concerns/{bookingConcern}/slots?from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}", ct);
        var slots = body.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        if (slots.Count == 0) throw new InvalidOperationException($"No free slots for {bookingConcern}.");
        return new Counter(staff, staffId, bookingConcern, queueConcern, slots);
    }

    /// <summary>Signs in again (the session cookie is marked Secure; a browser sends it to 127.0.0.1, so do we).</summary>
    public static async Task SignInAsync(HttpClient staff, CancellationToken ct)
    {
        var login = await staff.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "Schalter-2026!" }, ct);
        login.EnsureSuccessStatusCode();
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("municipal.staff=", StringComparison.Ordinal));
        staff.DefaultRequestHeaders.Remove("Cookie");
        staff.DefaultRequestHeaders.Add("Cookie", cookie);
    }

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
