using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Contracts.Booking;
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
        (await admin.PutAsJsonAsync("/api/booking/admin/departments/civil-registry/appointment-hours?keepAppointments=true", new[]
        {
            new { day = 3, opens = "08:00", closes = "10:00" }, new { day = 3, opens = "14:00", closes = "15:00" },
        })).EnsureSuccessStatusCode();

        // Added without a place, the department and its concern come after the city's own, not before them.
        var departments = (await (await admin.GetAsync("/api/booking/admin/departments")).Json()).EnumerateArray().Select(d => d.GetProperty("key").GetString()).ToList();
        Assert.True(departments.IndexOf("civil-registry") > Math.Max(departments.IndexOf("residents-office"), departments.IndexOf("tax-office")), string.Join(", ", departments));
        (await admin.PutAsJsonAsync("/api/booking/admin/concerns/birth-certificate", new
        {
            departmentKey = "civil-registry", nameDe = "Geburtsschein", nameEn = "Birth certificate", durationMinutes = 30,
        })).EnsureSuccessStatusCode();
        var concerns = (await (await admin.GetAsync("/api/booking/admin/departments")).Json()).EnumerateArray().Single(d => d.GetProperty("key").GetString() == "civil-registry")
            .GetProperty("concerns").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
        Assert.Equal(["marriage", "birth-certificate"], concerns);

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

    /// <summary>
    /// Probe: a null among the opening hours ([null]) was a 500, and eight admins adding the same closure at once got one
    /// 201 and seven 500s (the unique index caught what the look before the insert had not). The null is refused naming
    /// the range's day, the closures answer 409 closure-exists, and a new concern written twice at once is 200 or 409.
    /// </summary>
    [Fact]
    public async Task A_null_range_and_the_same_closure_or_concern_added_at_once_are_refused_not_failed()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        foreach (var kind in new[] { "opening-hours", "appointment-hours" })
        {
            var nullRange = await admin.PutAsync($"/api/booking/admin/departments/residents-office/{kind}", new StringContent("[null]", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, nullRange.StatusCode);
            Assert.Equal("weekday", (await nullRange.Json()).GetProperty("reasons").GetProperty("[0].day").GetString());
        }

        var day = $"2036-06-{Random.Shared.Next(10, 28)}";
        var closures = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            admin.PostAsJsonAsync("/api/booking/admin/closures", new { departmentKey = "tax-office", date = day, reasonDe = "Wettlauf" })));
        Assert.Equal(1, closures.Count(c => c.StatusCode == HttpStatusCode.Created));
        foreach (var refused in closures.Where(c => c.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("closure-exists", (await refused.Json()).GetProperty("code").GetString());
        }
        var created = await closures.Single(c => c.StatusCode == HttpStatusCode.Created).Json();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/booking/admin/closures/{created.GetProperty("id").GetInt32()}")).StatusCode);

        // In a department of its own, so the other tests' catalogue stays as they expect it.
        var key = $"race-{Guid.NewGuid():N}"[..20];
        (await admin.PutAsJsonAsync($"/api/booking/admin/departments/{key}", new
        {
            nameDe = "Wettlaufamt", nameEn = "Race office", timeZone = "Europe/Zurich", mailboxEmail = "wettlauf@stadt.example",
        })).EnsureSuccessStatusCode();
        var concerns = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PutAsJsonAsync($"/api/booking/admin/concerns/{key}", new
        {
            departmentKey = key, nameDe = "Wettlauf", nameEn = "Race", durationMinutes = 20,
        })));
        Assert.All(concerns, c => Assert.True(c.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{c.StatusCode}: {c.Content.ReadAsStringAsync().Result}"));
        Assert.Contains(concerns, c => c.StatusCode == HttpStatusCode.OK);

        // No clerk handles the new concern: the catalogue says so, and the start page offers no "talk to us now" for it.
        var catalogue = await (await factory.CreateClient().GetAsync("/api/booking/concerns")).Json();
        var staffed = catalogue.EnumerateArray().SelectMany(d => d.GetProperty("concerns").EnumerateArray())
            .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("staffed").GetBoolean());
        Assert.False(staffed[key]);
        Assert.True(staffed["move"]);
        Assert.False((await (await factory.CreateClient().GetAsync($"/api/booking/concerns/{key}")).Json()).GetProperty("staffed").GetBoolean());
    }

    /// <summary>
    /// The mail to a department's mailbox named a new document's concern by its key ("Anliegen: move"): the document
    /// intake knew no concern's name. Each save of a concern now announces it with its names (through the outbox).
    /// </summary>
    [Fact]
    public async Task A_saved_concern_is_announced_with_its_names_for_the_document_intake()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var key = $"announced-{Guid.NewGuid():N}"[..20];
        (await admin.PutAsJsonAsync($"/api/booking/admin/concerns/{key}", new
        {
            departmentKey = "residents-office", nameDe = "Hundeanmeldung", nameEn = "Dog registration", nameFr = "Annonce d’un chien",
            nameIt = "Notifica di un cane", durationMinutes = 15, sortOrder = 900,
        })).EnsureSuccessStatusCode();

        await using var scope = factory.Services.CreateAsyncScope();
        var bodies = await scope.ServiceProvider.GetRequiredService<BookingDb>().OutboxMessages.AsNoTracking()
            .Where(m => m.MessageType == typeof(ConcernChanged).FullName).Select(m => m.Body).ToListAsync();
        var announced = bodies.Select(b => JsonSerializer.Deserialize<ConcernChanged>(b, JsonSerializerOptions.Web)!).Single(c => c.Key == key);
        Assert.Equal(("residents-office", "Hundeanmeldung", "Dog registration", "Annonce d’un chien", "Notifica di un cane"),
            (announced.DepartmentKey, announced.NameDe, announced.NameEn, announced.NameFr, announced.NameIt));
    }

    /// <summary>
    /// A bilingual city had one staff language: its French-speaking office's mailbox was written to in German. Each
    /// department keeps its own (empty for the city's), shown on the admin page and announced with it for the document
    /// intake; a save that leaves it out keeps it, an empty one gives it back to the city.
    /// </summary>
    [Fact]
    public async Task A_departments_staff_language_is_kept_listed_and_announced()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var key = $"bilingue-{Guid.NewGuid():N}"[..20];
        var path = $"/api/booking/admin/departments/{key}";
        (await admin.PutAsJsonAsync(path, new
        {
            nameDe = "Einwohnerkontrolle Bienne", nameFr = "Contrôle des habitants Bienne", mailboxEmail = $"{key}@biel-bienne.example",
            staffLanguage = "fr", sortOrder = 900,
        })).EnsureSuccessStatusCode();
        Assert.Equal("fr", await StaffLanguageAsync());
        Assert.Equal("fr", await AnnouncedAsync());

        // Left out (a client that knows nothing of it), it stays; empty, the city's applies again.
        (await admin.PutAsJsonAsync(path, new { nameDe = "Einwohnerkontrolle Bienne", mailboxEmail = $"{key}@biel-bienne.example" })).EnsureSuccessStatusCode();
        Assert.Equal("fr", await StaffLanguageAsync());
        (await admin.PutAsJsonAsync(path, new { nameDe = "Einwohnerkontrolle Bienne", mailboxEmail = $"{key}@biel-bienne.example", staffLanguage = "" }))
            .EnsureSuccessStatusCode();
        Assert.Equal("", await StaffLanguageAsync());
        Assert.Equal("", await AnnouncedAsync());

        async Task<string?> StaffLanguageAsync() =>
            (await admin.GetFromJsonAsync<JsonElement>("/api/booking/admin/departments")).EnumerateArray()
                .Single(d => d.GetProperty("key").GetString() == key).GetProperty("staffLanguage").GetString();

        // The newest announcement of the department (the document intake keeps the last).
        async Task<string?> AnnouncedAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var bodies = await scope.ServiceProvider.GetRequiredService<BookingDb>().OutboxMessages.AsNoTracking()
                .Where(m => m.MessageType == typeof(DepartmentChanged).FullName).OrderBy(m => m.CreatedAt).Select(m => m.Body).ToListAsync();
            return bodies.Select(b => JsonSerializer.Deserialize<DepartmentChanged>(b, JsonSerializerOptions.Web)!).Last(d => d.Key == key).StaffLanguage;
        }
    }
}
