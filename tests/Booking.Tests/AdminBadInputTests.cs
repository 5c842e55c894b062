using System.Net;
using System.Text;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// Issue 17: the newer admin fields (French and Italian names and documents to bring, the appointment hours) sent as an
/// attacker would send them: NUL and other control characters, 10 000 characters, far dates, a body that breaks off,
/// wrong types. Each is a 400 problem naming the field with a reason code, never a 500, and nothing is stored.
/// </summary>
public class AdminBadInputTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    private const string Concern = "/api/booking/admin/concerns/dog-registration";
    private const string Department = "/api/booking/admin/departments/tax-office";
    private const string Hours = "/api/booking/admin/departments/tax-office/appointment-hours";
    private const string Skills = "/api/booking/admin/staff/0193a5c2-7d1e-7f00-8000-00000000e017";

    private static readonly string Long = new('x', 10_000);

    /// <summary>A valid concern body with one member replaced by raw JSON.</summary>
    private static string ConcernWith(string member, string json) =>
        $$"""{"departmentKey":"residents-office","nameDe":"Hundeanmeldung","durationMinutes":15,"{{member}}":{{json}}}""";

    private static string DepartmentWith(string member, string json) =>
        $$"""{"nameDe":"Steueramt","mailboxEmail":"steuern@example.org","{{member}}":{{json}}}""";

    public static TheoryData<string, string, string> Cases() => new()
    {
        // Documents to bring in French and Italian.
        { Concern, ConcernWith("documentsFr", """["Carte d’identité\u0000"]"""), "documentsFr" },
        { Concern, ConcernWith("documentsIt", """["Carta\u0007 d’identità"]"""), "documentsIt" },
        { Concern, ConcernWith("documentsFr", $"""["{Long}"]"""), "documentsFr" },
        { Concern, ConcernWith("documentsIt", """["Carta\r\nBcc: x@example.org"]"""), "documentsIt" },
        { Concern, ConcernWith("documentsIt", """["9999-12-31"]"""), "documentsIt" },
        { Concern, ConcernWith("documentsFr", "\"Carte d’identité\""), "documentsFr" },
        { Concern, ConcernWith("documentsIt", "[1, 2]"), "documentsIt" },
        { Concern, ConcernWith("documentsFr", "{}"), "documentsFr" },
        { Concern, """{"departmentKey":"residents-office","nameDe":"Hundeanmeldung","documentsFr":["Carte d’ide""", "documentsFr" },
        // Concern names in French and Italian.
        { Concern, ConcernWith("nameFr", "\"Chien\\u0000\""), "nameFr" },
        { Concern, ConcernWith("nameIt", "\"Cane\\u001b[2J\""), "nameIt" },
        { Concern, ConcernWith("nameFr", $"\"{Long}\""), "nameFr" },
        { Concern, ConcernWith("nameFr", "\"Chien\\nBcc: x@example.org\""), "nameFr" },
        { Concern, ConcernWith("nameIt", "\"0001-01-01\""), "nameIt" },
        { Concern, ConcernWith("nameFr", "42"), "nameFr" },
        { Concern, ConcernWith("nameIt", "[\"Cane\"]"), "nameIt" },
        { Concern, """{"departmentKey":"residents-office","nameDe":"Hundeanmeldung","nameIt":"Ca""", "nameIt" },
        // Department names in French and Italian.
        { Department, DepartmentWith("nameFr", "\"Impôts\\u0000\""), "nameFr" },
        { Department, DepartmentWith("nameIt", "\"Imposte\\r\\nBcc: x@example.org\""), "nameIt" },
        { Department, DepartmentWith("nameFr", $"\"{Long}\""), "nameFr" },
        { Department, DepartmentWith("nameIt", "\"9999-12-31T23:59:59Z\""), "nameIt" },
        { Department, DepartmentWith("nameFr", "true"), "nameFr" },
        { Department, """{"nameDe":"Steueramt","mailboxEmail":"steuern@example.org","nameFr":""", "nameFr" },
        // The third probe: a Windows zone (browsers refuse it, and every booking page of the department threw), a
        // description of 100 KB served on every start page, one with a direction override, a key given twice.
        { Department, DepartmentWith("timeZone", "\"W. Europe Standard Time\""), "timeZone" },
        { Department, DepartmentWith("timeZone", "\"posixrules\""), "timeZone" },
        { Concern, ConcernWith("descriptionDe", $"\"{new string('x', 2_001)}\""), "descriptionDe" },
        { Concern, ConcernWith("descriptionFr", "\"Normal \\u202Eevil\\u202C text\""), "descriptionFr" },
        { Department, DepartmentWith("nameDe", "\"Doppelt\""), "nameDe" },
        { Hours, """[{"day":1,"opens":"08:00","closes":"09:00","day":2}]""", "[0].day" },
        // Probe 2026-12-07: a place of int.MaxValue made the next department added without one overflow to int.MinValue
        // and open every start page; a clerk's name of 50 000 characters, or a link, was stored; skills for the empty id.
        { Department, DepartmentWith("sortOrder", "-1"), "sortOrder" },
        { Department, DepartmentWith("sortOrder", "2147483647"), "sortOrder" },
        { Concern, ConcernWith("sortOrder", "-2147483648"), "sortOrder" },
        // A department's own staff language (2026-12-07): one of the staff pages' four, or empty for the city's.
        { Department, DepartmentWith("staffLanguage", "\"de-x-ls\""), "staffLanguage" },
        { Department, DepartmentWith("staffLanguage", "\"rm\""), "staffLanguage" },
        { Department, DepartmentWith("staffLanguage", "\"FR\""), "staffLanguage" },
        { Department, DepartmentWith("staffLanguage", "42"), "staffLanguage" },
        { Skills, $$"""{"staffName":"{{new string('x', 50_000)}}","departmentKey":"residents-office","concernKeys":["move"]}""", "staffName" },
        { Skills, """{"staffName":"Rita www.evil.example","departmentKey":"residents-office","concernKeys":["move"]}""", "staffName" },
        { "/api/booking/admin/staff/00000000-0000-0000-0000-000000000000", """{"staffName":"Niemand","departmentKey":"residents-office","concernKeys":["move"]}""", "id" },
        // Appointment hours.
        { Hours, """[{"day":3,"opens":"08:00\u0000","closes":"12:00"}]""", "[0].opens" },
        { Hours, $$"""[{"day":3,"opens":"08:00","closes":"{{Long}}"}]""", "[0].closes" },
        { Hours, """[{"day":3,"opens":"9999-12-31T08:00","closes":"12:00"}]""", "[0].opens" },
        { Hours, """[{"day":3,"opens":"0001-01-01","closes":"12:00"}]""", "[0].opens" },
        { Hours, """[{"day":"Caturday","opens":"08:00","closes":"12:00"}]""", "[0].day" },
        { Hours, """[{"day":99999999999,"opens":"08:00","closes":"12:00"}]""", "[0].day" },
        { Hours, """[{"day":3,"opens":8,"closes":"12:00"}]""", "[0].opens" },
        { Hours, """{"day":3,"opens":"08:00","closes":"12:00"}""", "body" },
        { Hours, """[{"day":3,"opens":"08:00","clo""", "[0]" },
        // Midnight, 24:00, ends a range; it opens none, and no other time past 23:59 is one. A range past midnight is two.
        { Hours, """[{"day":3,"opens":"24:00","closes":"24:00"}]""", "[0].opens" },
        { Hours, """[{"day":3,"opens":"18:00","closes":"24:01"}]""", "[0].closes" },
        { Hours, """[{"day":3,"opens":"18:00","closes":"25:00"}]""", "[0].closes" },
        { Hours, """[{"day":3,"opens":"18:00","closes":"24:00:00"}]""", "[0].closes" },
        { Hours, """[{"day":3,"opens":"22:00","closes":"02:00"}]""", "[0].closes" },
        { Hours, """[{"day":3,"opens":"18:00","closes":"24:00"},{"day":3,"opens":"23:00","closes":"23:30"}]""", "[1].opens" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_problem_naming_the_field_and_nothing_is_stored(string path, string body, string field)
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var before = await admin.GetStringAsync("/api/booking/admin/departments");
        var staffBefore = await admin.GetStringAsync("/api/booking/admin/staff");

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await admin.PutAsync(path, content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var named = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(named.Any(n => n.StartsWith(field, StringComparison.Ordinal)), $"{field} not named: {text}");
        var reasons = problem.GetProperty("reasons").EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(named.All(reasons.Contains), $"a field without a reason code: {text}");
        Assert.Equal(before, await admin.GetStringAsync("/api/booking/admin/departments"));
        Assert.Equal(staffBefore, await admin.GetStringAsync("/api/booking/admin/staff"));
    }
}
