using System.Net;
using System.Net.Http.Json;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

public class AdminTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    [Fact]
    public async Task Only_admins_administer_and_changes_shape_the_slots()
    {
        var clerk = factory.CreateStaffClient(BookingFactory.ClerkResidents);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/booking/admin/departments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/booking/admin/staff")).StatusCode);

        var admin = factory.CreateStaffClient(Staff.Admin());
        (await admin.PutAsJsonAsync("/api/booking/admin/departments/civil-registry", new
        {
            nameDe = "Zivilstandsamt", nameEn = "Civil registry", timeZone = "Europe/Zurich", mailboxEmail = "zivilstand@stadt.example",
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/booking/admin/concerns/marriage", new
        {
            departmentKey = "civil-registry", nameDe = "Ehevorbereitung", nameEn = "Marriage preparation", durationMinutes = 60, bufferMinutes = 0,
            documentsDe = new[] { "Pass" }, documentsEn = new[] { "Passport" },
        })).EnsureSuccessStatusCode();
        var overlap = await admin.PutAsJsonAsync("/api/booking/admin/departments/civil-registry/opening-hours", new[]
        {
            new { day = 3, opens = "08:00", closes = "10:00" }, new { day = 3, opens = "09:00", closes = "11:00" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, overlap.StatusCode);
        Assert.True((await overlap.Json()).GetProperty("errors").TryGetProperty("[1].opens", out _));
        (await admin.PutAsJsonAsync("/api/booking/admin/departments/civil-registry/appointment-hours", new[]
        {
            new { day = 3, opens = "08:00", closes = "10:00" }, new { day = 3, opens = "14:00", closes = "15:00" },
        })).EnsureSuccessStatusCode();

        // No clerk has the skill yet: nothing to book.
        var url = "/api/booking/concerns/marriage/slots?from=2027-03-03&to=2027-03-10";
        Assert.Equal(0, (await (await factory.CreateClient().GetAsync(url)).Json()).GetProperty("slots").GetArrayLength());

        var badSkill = await admin.PutAsJsonAsync($"/api/booking/admin/staff/{Guid.NewGuid()}", new { staffName = "X", departmentKey = "civil-registry", concernKeys = new[] { "move" } });
        Assert.True((await badSkill.Json()).GetProperty("errors").TryGetProperty("concernKeys", out _));
        (await admin.PutAsJsonAsync($"/api/booking/admin/staff/{Guid.NewGuid()}", new { staffName = "Registrar", departmentKey = "civil-registry", concernKeys = new[] { "marriage" } })).EnsureSuccessStatusCode();
        Assert.Equal(6, (await (await factory.CreateClient().GetAsync(url)).Json()).GetProperty("slots").GetArrayLength()); // 2 Wednesdays × 3

        var closure = await admin.PostAsJsonAsync("/api/booking/admin/closures", new { departmentKey = "civil-registry", date = "2027-03-10", reasonDe = "Weiterbildung", reasonEn = "Training" });
        Assert.Equal(HttpStatusCode.Created, closure.StatusCode);
        Assert.Equal(3, (await (await factory.CreateClient().GetAsync(url)).Json()).GetProperty("slots").GetArrayLength());
        var closureId = (await closure.Json()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/booking/admin/closures/{closureId}")).StatusCode);

        var invalid = await admin.PutAsJsonAsync("/api/booking/admin/concerns/Bad Key", new { departmentKey = "nowhere", durationMinutes = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Json()).GetProperty("errors");
        foreach (var field in new[] { "key", "departmentKey", "nameDe", "durationMinutes" }) Assert.True(errors.TryGetProperty(field, out _), field);
    }
}
