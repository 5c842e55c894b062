using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// Probe of 2026-12-06: an admin's change of a department's time zone moved every booked appointment's local time
/// (09:00 in Zurich read 03:00 in New York, on the resident's page and in the mails), and new appointment hours left
/// booked appointments outside them, both answered 200 without a word. The zone changes only while none is booked
/// ahead; new hours that leave appointments out are refused with the list until the admin says to keep them booked.
/// </summary>
public class HoursChangeTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    [Fact]
    public async Task Hours_that_leave_out_a_booked_appointment_are_saved_only_on_the_admins_word_and_the_zone_not_at_all()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var resident = factory.CreateClient();
        // A department of its own, so the demo city's hours stay as other tests expect them.
        var department = new { nameDe = "Stundenamt", nameEn = "Hours office", timeZone = "Europe/Zurich", mailboxEmail = "stunden@stadt.example" };
        (await admin.PutAsJsonAsync("/api/booking/admin/departments/hours-office", department)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/booking/admin/concerns/hours-check", new
        {
            departmentKey = "hours-office", nameDe = "Stundenprobe", nameEn = "Hours check", durationMinutes = 30, bufferMinutes = 0,
        })).EnsureSuccessStatusCode();
        // Wednesdays 08:00–10:00; the zone may still change while nothing is booked.
        var hours = "/api/booking/admin/departments/hours-office/appointment-hours";
        (await admin.PutAsJsonAsync(hours, new[] { new { day = 3, opens = "08:00", closes = "10:00" } })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/booking/admin/departments/hours-office", department with { timeZone = "Europe/Berlin" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/booking/admin/departments/hours-office", department)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/booking/admin/staff/{Guid.NewGuid()}", new
        {
            staffName = "Stefan Stunde", departmentKey = "hours-office", concernKeys = new[] { "hours-check" },
        })).EnsureSuccessStatusCode();

        // Wednesday 3 March 2027, 09:00 in Zurich.
        var nine = new DateTimeOffset(2027, 3, 3, 8, 0, 0, TimeSpan.Zero);
        var email = Mailbox.UniqueAddress();
        Assert.Equal(HttpStatusCode.Created, (await resident.Book("hours-check", nine, email, name: "Hugo Stunde")).StatusCode);
        var manage = Http.TokenFromLink((await Mailbox.WaitForAsync(email)).Single().TextBody, "/manage.html");

        // Hours that still hold it are saved as ever.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(hours, new[] { new { day = 3, opens = "08:30", closes = "11:00" } })).StatusCode);

        // Hours that leave it out: refused, naming it.
        var afternoon = new[] { new { day = 3, opens = "14:00", closes = "16:00" } };
        var refused = await admin.PutAsJsonAsync(hours, afternoon);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Json();
        Assert.Equal("hours-leave-appointments", problem.GetProperty("code").GetString());
        Assert.Equal(1, problem.GetProperty("codeArgs").GetProperty("count").GetInt32());
        var listed = Assert.Single(problem.GetProperty("appointments").EnumerateArray());
        Assert.Equal("Hugo Stunde", listed.GetProperty("citizenName").GetString());
        Assert.Equal(nine, listed.GetProperty("start").GetDateTimeOffset());
        var wednesday = await resident.GetFromJsonAsync<JsonElement>("/api/booking/concerns/hours-check/slots?from=2027-03-03&to=2027-03-03");
        Assert.Contains(wednesday.GetProperty("slots").EnumerateArray(), s => s.GetProperty("start").GetDateTimeOffset() == nine.AddMinutes(30));

        // The zone: refused while it is booked, whatever the admin says.
        var zone = await admin.PutAsJsonAsync("/api/booking/admin/departments/hours-office", department with { timeZone = "America/New_York" });
        Assert.Equal(HttpStatusCode.Conflict, zone.StatusCode);
        Assert.Equal("zone-has-appointments", (await zone.Json()).GetProperty("code").GetString());
        var kept = (await (await admin.GetAsync("/api/booking/admin/departments")).Json()).EnumerateArray().Single(d => d.GetProperty("key").GetString() == "hours-office");
        Assert.Equal("Europe/Zurich", kept.GetProperty("timeZone").GetString());

        // With the admin's word: saved, and the appointment stays booked at its time.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(hours + "?keepAppointments=true", afternoon)).StatusCode);
        var after = await resident.GetFromJsonAsync<JsonElement>("/api/booking/concerns/hours-check/slots?from=2027-03-03&to=2027-03-03");
        Assert.All(after.GetProperty("slots").EnumerateArray(), s => Assert.True(s.GetProperty("start").GetDateTimeOffset() >= nine.AddHours(5)));
        var mine = await (await resident.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json();
        Assert.Equal("booked", mine.GetProperty("status").GetString());
        Assert.Equal(nine, mine.GetProperty("start").GetDateTimeOffset());
    }
}
