using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// Winterthur's tax office: live Mon/Tue 8–12 and 13:30–17, appointments outside them. Slots keep to the appointment
/// hours, the live queue to the live hours, and an admin's change of either applies to the next request.
/// </summary>
public class AppointmentHoursTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    private static readonly object[] LiveHours =
    [
        new { day = 1, opens = "08:00", closes = "12:00" }, new { day = 1, opens = "13:30", closes = "17:00" },
        new { day = 2, opens = "08:00", closes = "12:00" }, new { day = 2, opens = "13:30", closes = "17:00" },
    ];

    private static readonly object[] AppointmentHours =
    [
        new { day = 1, opens = "17:00", closes = "18:00" }, new { day = 3, opens = "08:00", closes = "10:00" },
    ];

    [Fact]
    public async Task Existing_departments_keep_their_hours_for_both_the_live_counter_and_appointments()
    {
        var departments = await factory.CreateStaffClient(Staff.Admin()).GetFromJsonAsync<JsonElement>("/api/booking/admin/departments");
        foreach (var department in departments.EnumerateArray().Where(d => d.GetProperty("key").GetString() is "residents-office" or "tax-office"))
        {
            var live = department.GetProperty("openingHours").GetRawText();
            Assert.Contains("08:00", live);
            Assert.Equal(live, department.GetProperty("appointmentHours").GetRawText());
        }
    }

    [Fact]
    public async Task Slots_keep_to_the_appointment_hours_and_the_queue_to_the_live_hours_and_changes_apply_at_once()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var resident = factory.CreateClient();
        await OkAsync(admin.PutAsJsonAsync("/api/booking/admin/departments/winterthur-tax", new
        {
            nameDe = "Steueramt Winterthur", nameEn = "Winterthur tax office", timeZone = "Europe/Zurich", mailboxEmail = "steuern@winterthur.example",
        }));
        await OkAsync(admin.PutAsJsonAsync("/api/booking/admin/concerns/winterthur-tax-enquiry", new
        {
            departmentKey = "winterthur-tax", nameDe = "Steuerfragen", nameEn = "Tax questions", durationMinutes = 30, bufferMinutes = 0,
        }));
        await OkAsync(admin.PutAsJsonAsync($"/api/booking/admin/staff/{Guid.NewGuid()}", new
        {
            staffName = "Wanda Winterthur", departmentKey = "winterthur-tax", concernKeys = new[] { "winterthur-tax-enquiry" },
        }));
        await OkAsync(admin.PutAsJsonAsync("/api/booking/admin/departments/winterthur-tax/opening-hours", LiveHours));
        await OkAsync(admin.PutAsJsonAsync("/api/booking/admin/departments/winterthur-tax/appointment-hours", AppointmentHours));

        // The clock stands on Monday 09:00: live, but no appointment hours until 17:00.
        Assert.Equal(["Mon 17:00", "Mon 17:30", "Wed 08:00", "Wed 08:30", "Wed 09:00", "Wed 09:30"], await SlotsAsync(resident));
        var tuesdayNine = new DateTimeOffset(2027, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var refused = await resident.Book("winterthur-tax-enquiry", tuesdayNine, Mailbox.UniqueAddress());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("start", out _));

        Assert.Equal(HttpStatusCode.Created, (await Join(resident, "Live Larissa")).StatusCode);
        var catalogue = await resident.GetFromJsonAsync<JsonElement>("/api/booking/concerns");
        var winterthur = catalogue.EnumerateArray().Single(d => d.GetProperty("key").GetString() == "winterthur-tax");
        Assert.True(winterthur.GetProperty("openNow").GetBoolean());
        Assert.Equal(4, winterthur.GetProperty("openingHours").GetArrayLength());
        Assert.Equal(2, winterthur.GetProperty("appointmentHours").GetArrayLength());

        // Monday 17:15: appointments, but the live counter is shut; the queue offers the next slot, within appointment hours.
        factory.Clock.Advance(TimeSpan.FromHours(8.25));
        try
        {
            var closed = await Join(resident, "Late Ludwig");
            Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
            var next = (await closed.Json()).GetProperty("nextSlots").EnumerateArray().Select(s => Local(s.GetProperty("start").GetDateTimeOffset())).ToList();
            Assert.Equal(["Mon 17:30", "Wed 08:00", "Wed 08:30", "Wed 09:00", "Wed 09:30"], next);

            // The admin opens the live counter on Monday evenings and drops Wednesday's appointments: both apply at once.
            await OkAsync(admin.PutAsJsonAsync("/api/booking/admin/departments/winterthur-tax/opening-hours",
                LiveHours.Append(new { day = 1, opens = "17:00", closes = "18:00" }).ToArray()));
            Assert.Equal(HttpStatusCode.Created, (await Join(resident, "Late Ludwig")).StatusCode);
            await OkAsync(admin.PutAsJsonAsync("/api/booking/admin/departments/winterthur-tax/appointment-hours?keepAppointments=true", AppointmentHours.Take(1).ToArray()));
            Assert.Equal(["Mon 17:30"], await SlotsAsync(resident));
        }
        finally
        {
            factory.Clock.Advance(-TimeSpan.FromHours(8.25));
        }
    }

    [Theory]
    [InlineData(9, "08:00", "09:00", "[0].day")]
    [InlineData(3, "8 Uhr", "09:00", "[0].opens")]
    [InlineData(3, "10:00", "09:00", "[0].closes")]
    public async Task Bad_appointment_hours_are_refused_with_the_field_named(int day, string opens, string closes, string field)
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var response = await admin.PutAsJsonAsync("/api/booking/admin/departments/tax-office/appointment-hours", new[] { new { day, opens, closes } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty(field, out _), field);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/booking/admin/departments/nowhere/appointment-hours", Array.Empty<object>())).StatusCode);
    }

    private static async Task<List<string>> SlotsAsync(HttpClient resident)
    {
        var body = await resident.GetFromJsonAsync<JsonElement>("/api/booking/concerns/winterthur-tax-enquiry/slots?from=2027-03-01&to=2027-03-07");
        return body.GetProperty("slots").EnumerateArray().Select(s => Local(s.GetProperty("start").GetDateTimeOffset())).ToList();
    }

    private static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zurich).ToString("ddd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> Join(HttpClient client, string name) =>
        client.PostAsJsonAsync("/api/booking/queue", new { concernKey = "winterthur-tax-enquiry", name, language = "de" });

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
