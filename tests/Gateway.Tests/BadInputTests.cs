using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Issue 17: what the gateway answers on its own — the audit log's filters and one's own password change — sent as an
/// attacker would send it: NUL and other control characters, 10 000 characters, far dates, a body that breaks off,
/// wrong types. Each is a 400 problem naming the field with a reason code, never a 500, and nothing is changed.
/// </summary>
public sealed class BadInputTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    private static readonly string Long = new('x', 10_000);

    public static TheoryData<string, string> AuditFilters() => new()
    {
        { "person=Anna%00", "person" },
        { "person=Anna%1B%5B2J", "person" },
        { "person=Anna%0D%0AX", "person" },
        { $"person={Long}", "person" },
        { "case=%00", "case" },
        { "case=not-a-dossier", "case" },
        { $"case={Long}", "case" },
        { "staffId=not-a-guid", "staffId" },
        { "staffId=%00", "staffId" },
        { "from=9999-12-31", "from" },
        { "from=0001-01-01", "from" },
        // With a space around it the guard's date pattern did not match, and year 1 overflowed the time zone: a 500.
        { "from=%200001-01-01", "from" },
        { "to=%C2%A00001-01-01", "to" },
        { "from=%201999-12-31%20", "from" },
        { "to=9999-12-31", "to" },
        { "from=2026-02-30", "from" },
        { "to=31.12.2026", "to" },
        { $"from={Long}", "from" },
        { "from=2026-03-30&to=2026-03-01", "to" },
        { "take=all", "take" },
        { "take=99999999999", "take" },
        { "before=1e99", "before" },
        { "subject=dossier%00", "subject" },
        { "action=viewed%00", "action" },
    };

    [Theory]
    [MemberData(nameof(AuditFilters))]
    public async Task A_bad_audit_filter_is_a_problem_naming_the_field(string query, string field)
    {
        var admin = await gateway.SignedInAsync("admin");
        var response = await admin.GetAsync($"/api/audit?{query}");
        await AssertNamedAsync(response, field);
    }

    /// <summary>Found from outside: the input guard ran before authorization here, so an anonymous caller got 400.</summary>
    [Theory]
    [InlineData("/api/audit?from=0001-01-01")]
    [InlineData("/api/staff?x=%07")]
    public async Task An_anonymous_bad_filter_on_a_staff_endpoint_is_a_401_not_a_validation_problem(string url)
    {
        var response = await gateway.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string> PasswordBodies() => new()
    {
        { """{"currentPassword":"\u0000","newPassword":"Mein-Neues-2026!"}""", "currentPassword" },
        { """{"currentPassword":"{current}","newPassword":"Mein-\u0000-Neues-2026!"}""", "newPassword" },
        { """{"currentPassword":"{current}","newPassword":"Mein-\u001b-Neues-2026!"}""", "newPassword" },
        { $$"""{"currentPassword":"{current}","newPassword":"Aa1!{{Long}}"}""", "newPassword" },
        { $$"""{"currentPassword":"{{Long}}","newPassword":"Mein-Neues-2026!"}""", "currentPassword" },
        { """{"currentPassword":"{current}","newPassword":"9999-12-31"}""", "newPassword" },
        { """{"currentPassword":"{current}","newPassword":"0001-01-01T00:00:00Z"}""", "newPassword" },
        { """{"currentPassword":5,"newPassword":"Mein-Neues-2026!"}""", "currentPassword" },
        { """{"currentPassword":"{current}","newPassword":["Mein-Neues-2026!"]}""", "newPassword" },
        { """{"currentPassword":"{current}","newPassword":"Mein-Ne""", "newPassword" },
        { """{"currentPassword":"{current}","newPassword":""", "newPassword" },
    };

    [Theory]
    [MemberData(nameof(PasswordBodies))]
    public async Task A_bad_password_change_is_a_problem_naming_the_field_and_the_password_stays(string body, string field)
    {
        var (userName, password) = await TestAccounts.CreateAsync(gateway, "clerk", "residents-office");
        var client = await gateway.SignedInAsync(userName, password);

        using var content = new StringContent(body.Replace("{current}", password, StringComparison.Ordinal), Encoding.UTF8, "application/json");
        await AssertNamedAsync(await client.PostAsync("/api/auth/password", content), field);

        // Nothing changed: the old password still signs in.
        Assert.Equal(HttpStatusCode.OK, (await gateway.Browser().PostAsJsonAsync("/api/auth/login", new { userName, password })).StatusCode);
    }

    private static async Task AssertNamedAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var named = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToList() : [];
        Assert.True(named.Contains(field), $"{field} not named: {text}");
        var reasons = problem.GetProperty("reasons").EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(named.All(reasons.Contains), $"a field without a reason code: {text}");
    }
}
