using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// Probe: a closure added on a day with booked appointments left them "booked" at a closed counter, and nobody told
/// their residents. The admin is now shown them and closes the day only by cancelling them too; each resident is
/// mailed why, in their language, with a link to book anew. A closure in the past is refused.
/// </summary>
public class ClosureTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    [Fact]
    public async Task A_day_with_booked_appointments_closes_only_with_their_cancellation_and_each_resident_is_told_why()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var resident = factory.CreateClient();
        // A department of its own: a closure of the residents' office would cancel other tests' appointments.
        (await admin.PutAsJsonAsync("/api/booking/admin/departments/closure-office", new
        {
            nameDe = "Schliessamt", nameEn = "Closure office", nameFr = "Office des fermetures", timeZone = "Europe/Zurich", mailboxEmail = "schliess@stadt.example",
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/booking/admin/concerns/closure-check", new
        {
            departmentKey = "closure-office", nameDe = "Schliessprobe", nameEn = "Closure check", durationMinutes = 30, bufferMinutes = 0,
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/booking/admin/departments/closure-office/appointment-hours", new[] { new { day = 3, opens = "08:00", closes = "10:00" } }))
            .EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/booking/admin/staff/{Guid.NewGuid()}", new
        {
            staffName = "Sina Schliess", departmentKey = "closure-office", concernKeys = new[] { "closure-check" },
        })).EnsureSuccessStatusCode();

        var slots = (await resident.GetFromJsonAsync<JsonElement>("/api/booking/concerns/closure-check/slots")).GetProperty("slots")
            .EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        var french = Mailbox.UniqueAddress();
        Assert.Equal(HttpStatusCode.Created, (await resident.Book("closure-check", slots[0], french, language: "fr", name: "Françoise Fermée")).StatusCode);
        var confirmation = (await Mailbox.WaitForAsync(french)).Single();
        var manage = Http.TokenFromLink(confirmation.TextBody, "/manage.html");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(slots[0], Zurich).DateTime);

        // Asked plainly: refused, with the appointments the admin would cancel.
        var closure = new { departmentKey = "closure-office", date = day, reasonDe = "Betriebsausflug", reasonEn = "Staff outing", reasonFr = "Sortie du personnel" };
        var refused = await admin.PostAsJsonAsync("/api/booking/admin/closures", closure);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Json();
        Assert.Equal("closure-has-appointments", problem.GetProperty("code").GetString());
        Assert.Equal(1, problem.GetProperty("codeArgs").GetProperty("count").GetInt32());
        var listed = Assert.Single(problem.GetProperty("appointments").EnumerateArray());
        Assert.Equal("Françoise Fermée", listed.GetProperty("citizenName").GetString());
        Assert.Equal(slots[0], listed.GetProperty("start").GetDateTimeOffset());
        Assert.Equal("booked", (await (await resident.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json()).GetProperty("status").GetString());
        var open = await SlotsAsync(resident, day);
        Assert.DoesNotContain(slots[0], open);
        Assert.NotEmpty(open);

        // With the admin's consent: closed, the appointment cancelled, its resident mailed the reason in French.
        var closed = await admin.PostAsJsonAsync("/api/booking/admin/closures", new
        {
            closure.departmentKey, closure.date, closure.reasonDe, closure.reasonEn, closure.reasonFr, cancelAppointments = true,
        });
        Assert.Equal(HttpStatusCode.Created, closed.StatusCode);
        Assert.Equal("cancelled", (await (await resident.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json()).GetProperty("status").GetString());
        Assert.Empty(await SlotsAsync(resident, day));
        var cancellation = (await Mailbox.WaitForAsync(french, count: 2)).Last();
        Assert.Contains("Sortie du personnel", cancellation.TextBody);
        Assert.Contains("Office des fermetures", cancellation.TextBody);
        Assert.Contains("/book.html?concern=closure-check#lang=fr", cancellation.TextBody);

        // Reopened, nothing is restored behind the resident's back; the day is bookable again.
        (await admin.DeleteAsync($"/api/booking/admin/closures/{(await closed.Json()).GetProperty("id").GetInt32()}")).EnsureSuccessStatusCode();
        Assert.Contains(slots[0], await SlotsAsync(resident, day));
        Assert.Equal("cancelled", (await (await resident.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_closure_in_the_past_is_refused_naming_the_date()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var past = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(-3);
        var refused = await admin.PostAsJsonAsync("/api/booking/admin/closures", new { departmentKey = (string?)null, date = past, reasonDe = "Vergangen" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("closure-past", (await refused.Json()).GetProperty("reasons").GetProperty("date").GetString());
    }

    private static async Task<List<DateTimeOffset>> SlotsAsync(HttpClient resident, DateOnly day) =>
        (await resident.GetFromJsonAsync<JsonElement>($"/api/booking/concerns/closure-check/slots?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"))
        .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
}
