using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Gateway.Security;

namespace Municipal.Gateway.Tests;

/// <summary>
/// The staff side and the gateway's edges as an attacker or a careless colleague would use them (probe 7): values a
/// database refuses in what the audit log records, requests that dress up as another client, and roles reaching
/// for more than they hold.
/// </summary>
public sealed class OutsiderStaffTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("/api/booking/statistics?department=%00")]
    [InlineData("/api/booking/appointments/today?departmentKey=a%00b")]
    [InlineData("/api/audit?department=%00")]
    public async Task A_request_naming_a_department_the_database_cannot_store_does_not_stop_the_audit_log(string poisoned)
    {
        var supervisor = await gateway.SignedInAsync("supervisor");
        var refused = await supervisor.GetAsync(poisoned);
        Assert.True((int)refused.StatusCode < 500, $"{(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");

        // Every later entry is still written.
        var after = $"/api/forms/dossiers/{Guid.NewGuid()}";
        await supervisor.GetAsync(after);
        var admin = await gateway.SignedInAsync("admin");
        Assert.Single(await EntriesAsync(admin, after));
    }

    /// <summary>
    /// The services count a resident's codes and hub connections by the last X-Forwarded-For entry, the address the
    /// gateway saw: a client's own entry, or an RFC 7239 Forwarded header, must never reach them as if it were that.
    /// </summary>
    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("X-Forwarded-For", "198.51.100.1, 203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    public async Task A_clients_own_forwarding_header_does_not_reach_a_service(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/forms/definitions/");
        request.Headers.TryAddWithoutValidation(header, value);
        var echo = await (await gateway.Browser().SendAsync(request)).Content.ReadFromJsonAsync<Echo>();

        Assert.DoesNotContain("203.0.113.9", echo!.ForwardedFor ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.9", echo.Forwarded ?? "", StringComparison.Ordinal);
    }

    /// <summary>
    /// A disabled account's session went on until the account's next check, up to a minute: a disabled admin enabled her
    /// own account again in it (and could have made herself a new one). Her session now ends at its next request.
    /// </summary>
    [Fact]
    public async Task A_disabled_admins_session_ends_at_once_and_cannot_enable_her_account_again()
    {
        var admin = await gateway.SignedInAsync("admin");
        var (userName, password) = await TestAccounts.CreateAsync(gateway, "admin", "residents-office");
        var id = (await admin.GetFromJsonAsync<JsonElement[]>("/api/staff"))!.Single(a => a.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();
        var disabled = await gateway.SignedInAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, (await disabled.GetAsync("/api/staff")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/staff/{id}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await disabled.PostAsync($"/api/staff/{id}/enable", null)).StatusCode);
        // Nor does a service hear of her as staff any more.
        var echo = await (await disabled.GetAsync("/api/forms/dossiers/")).Content.ReadFromJsonAsync<Echo>();
        Assert.Null(echo!.Authorization);
        var account = (await admin.GetFromJsonAsync<JsonElement[]>("/api/staff"))!.Single(a => a.GetProperty("id").GetGuid() == id);
        Assert.True(account.GetProperty("disabled").GetBoolean());
    }

    /// <summary>
    /// Changing one's password takes the current one, turning the second factor off a code or the password: a session
    /// alone (a cookie left on a shared PC) must not take the account. An admin's session did, through the admin's
    /// resets of her own account: the answer held a new password of it.
    /// </summary>
    [Fact]
    public async Task An_admins_session_alone_cannot_reset_her_own_password_or_second_factor_but_another_admin_can()
    {
        var seeded = await gateway.SignedInAsync("admin");
        var (userName, password) = await TestAccounts.CreateAsync(gateway, "admin", "residents-office");
        var id = (await AccountsAsync(seeded)).Single(a => a.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();
        var own = await gateway.SignedInAsync(userName, password);

        foreach (var action in new[] { "reset-password", "reset-two-factor" })
        {
            var refused = await own.PostAsync($"/api/staff/{id}/{action}", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("own-account-reset", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await gateway.Browser().PostAsJsonAsync("/api/auth/login", new { userName, password })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await seeded.PostAsync($"/api/staff/{id}/reset-password", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await seeded.PostAsync($"/api/staff/{id}/reset-two-factor", null)).StatusCode);
    }

    /// <summary>
    /// Every endpoint the gateway answers itself (Security.Tests' matrix covers the services, not these), from its own
    /// endpoint table, called anonymously, as a clerk and as a supervisor: each refused as its rule says, with a code.
    /// A new endpoint without a rule here fails.
    /// </summary>
    [Fact]
    public async Task Each_of_the_gateways_own_endpoints_refuses_whom_its_rule_does_not_admit()
    {
        static string Rule(string path) => path switch
        {
            "/api/auth/login" or "/api/auth/logout" or "/api/city" => "public",
            _ when path.StartsWith("/api/staff", StringComparison.Ordinal) => "admin",
            "/api/audit" => "supervisor",
            _ when path.StartsWith("/api/auth/", StringComparison.Ordinal) => "staff",
            _ => "none",
        };
        var endpoints = gateway.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>().SelectMany(d => d.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api", StringComparison.Ordinal) && !raw.Contains("{**", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Method: method, Path: e.RoutePattern.RawText!.TrimEnd('/'))))
            .Distinct().ToList();
        Assert.Contains(endpoints, e => e.Path == "/api/staff/{id:guid}/reset-password");

        var callers = new (string Who, HttpClient Client)[]
        {
            ("anonymous", gateway.Browser()), ("clerk", await gateway.SignedInAsync("clerk.residents")), ("supervisor", await gateway.SignedInAsync("supervisor")),
        };
        var failures = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            var rule = Rule(path);
            if (rule == "none") { failures.Add($"{method} {path}: no rule in this test"); continue; }
            foreach (var (who, client) in callers)
            {
                var expected = rule == "public" ? (HttpStatusCode?)null
                    : who == "anonymous" ? HttpStatusCode.Unauthorized
                    : rule == "admin" || (rule == "supervisor" && who == "clerk") ? HttpStatusCode.Forbidden
                    : null;
                if (expected is null) continue;
                using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
                if (method is "POST" or "PUT" or "DELETE") request.Content = Json("{}");
                var response = await client.SendAsync(request);
                var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    && (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out _);
                if (response.StatusCode != expected || !code) failures.Add($"{method} {path} as {who}: {(int)response.StatusCode}{(code ? "" : " without a reason code")}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A missing page asked for with an Accept header no browser sends: a 404, never a server error.</summary>
    [Theory]
    [InlineData("text/html;q=abc,,,\"")]
    [InlineData(",;=,;=")]
    [InlineData("text/html; charset=\"unterminated")]
    [InlineData("*/*;q=0.5;q=;q")]
    public async Task A_missing_page_with_a_malformed_accept_header_is_a_404(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/nothing-here");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Browser().SendAsync(request)).StatusCode);
    }

    /// <summary>
    /// Which reads the audit log holds already is remembered for ten minutes; a staff member's script reading ever new
    /// paths (staff have no rate limit) grew it without bound, each further read sweeping all of it.
    /// </summary>
    [Fact]
    public void Reads_remembered_against_repeats_stay_bounded_however_many_distinct_paths_are_read()
    {
        var reads = new RepeatedReads(TimeProvider.System, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var staff = Guid.NewGuid();
        for (var i = 0; i < 50_000; i++) Assert.True(reads.IsNew(staff, $"/api/forms/dossiers/{i}", 404));

        Assert.InRange(reads.Remembered, 1, 20_000);
        // What was read last is still known as read.
        Assert.False(reads.IsNew(staff, "/api/forms/dossiers/49999", 404));
    }

    /// <summary>
    /// Two admins disabling each other at the same moment: each passed the check that she was not disabling herself, and
    /// the city was left without an active admin. The one acting must still be an active admin when the change is made.
    /// </summary>
    [Fact]
    public async Task Two_admins_disabling_each_other_at_once_leave_one_of_them_active()
    {
        var seeded = await gateway.SignedInAsync("admin");
        var (first, firstPassword) = await TestAccounts.CreateAsync(gateway, "admin", "residents-office");
        var (second, secondPassword) = await TestAccounts.CreateAsync(gateway, "admin", "residents-office");
        var accounts = await AccountsAsync(seeded);
        Guid IdOf(string userName) => accounts.Single(a => a.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();
        var (firstId, secondId) = (IdOf(first), IdOf(second));

        for (var round = 0; round < 8; round++)
        {
            var a = await gateway.SignedInAsync(first, firstPassword);
            var b = await gateway.SignedInAsync(second, secondPassword);
            await Task.WhenAll(a.PostAsync($"/api/staff/{secondId}/disable", null), b.PostAsync($"/api/staff/{firstId}/disable", null));

            var now = await AccountsAsync(seeded);
            bool Disabled(Guid id) => now.Single(x => x.GetProperty("id").GetGuid() == id).GetProperty("disabled").GetBoolean();
            Assert.False(Disabled(firstId) && Disabled(secondId), $"round {round}: both admins disabled");
            foreach (var id in new[] { firstId, secondId }) await seeded.PostAsync($"/api/staff/{id}/enable", null);
        }
    }

    private static readonly string Long = new('x', 10_000);

    /// <summary>An account's body as the admin page sends it, with one member's value replaced by raw JSON ({user}: a fresh user name).</summary>
    private static string AccountWith(string member, string json)
    {
        var members = new Dictionary<string, string>
        {
            ["userName"] = "\"{user}\"", ["displayName"] = "\"Paula Probe {user}\"", ["email"] = "\"paula@example.org\"",
            ["roles"] = "[\"clerk\"]", ["departments"] = "[\"residents-office\"]", ["skills"] = "[\"move\"]",
        };
        members[member] = json;
        return "{" + string.Join(",", members.Select(m => $"\"{m.Key}\":{m.Value}")) + "}";
    }

    public static TheoryData<string, string> AccountBodies() => new()
    {
        { AccountWith("userName", "\"ana\u202Emaria\""), "userName" },
        { AccountWith("userName", "\"ana maria\""), "userName" },
        { AccountWith("userName", "\"ＡＮＡ\""), "userName" },
        { AccountWith("userName", "\"ADMIN\""), "userName" },
        { AccountWith("userName", "42"), "userName" },
        { AccountWith("displayName", "\"Paula\\u0000\""), "displayName" },
        { AccountWith("displayName", "\"Paula\u200BProbe\""), "displayName" },
        { AccountWith("displayName", "\"P\u0301\u0301\u0301\u0301\u0301\u0301\u0301aula\""), "displayName" },
        { AccountWith("displayName", "\"=HYPERLINK(\\\"https://evil.example\\\")\""), "displayName" },
        { AccountWith("email", $"\"{Long}@example.org\""), "email" },
        { AccountWith("email", "\"paula@example.org\\r\\nBcc: x@example.org\""), "email" },
        { AccountWith("email", "\"paula@example.org, x@example.org\""), "email" },
        { AccountWith("roles", "\"admin\""), "roles" },
        { AccountWith("roles", "[null]"), "roles" },
        { AccountWith("roles", "[\"Admin\"]"), "roles" },
        { AccountWith("roles", "[\"service\"]"), "roles" },
        { AccountWith("departments", "[null]"), "departments" },
        { AccountWith("departments", "[\"residents-office\\u0000\"]"), "departments" },
        { AccountWith("departments", $"[\"{Long}\"]"), "departments" },
        { AccountWith("departments", "\"residents-office\""), "departments" },
        { AccountWith("skills", "[null]"), "skills" },
        { AccountWith("skills", "[\"tax-enquiry\"]"), "skills" },
        { AccountWith("skills", "[{}]"), "skills" },
        { "null", "body" },
        { "[]", "body" },
        { """{"userName":"{user}","displayName":"Paula""", "displayName" },
    };

    /// <summary>
    /// The admin's account form sent as an attacker or a careless script would: each a 400 naming the field with a reason
    /// code, and no account made or changed.
    /// </summary>
    [Theory]
    [MemberData(nameof(AccountBodies))]
    public async Task A_bad_account_is_a_problem_naming_the_field_and_nothing_is_saved(string body, string field)
    {
        var admin = await gateway.SignedInAsync("admin");
        var before = await AccountsAsync(admin);
        var user = $"probe.{Guid.NewGuid():N}"[..16];

        await AssertNamedAsync(await admin.PostAsync("/api/staff", Json(body.Replace("{user}", user, StringComparison.Ordinal))), field);
        if (field != "userName")
        {
            var clerk = before.Single(a => a.GetProperty("userName").GetString() == "clerk.residents").GetProperty("id").GetGuid();
            await AssertNamedAsync(await admin.PutAsync($"/api/staff/{clerk}", Json(body.Replace("{user}", user, StringComparison.Ordinal))), field);
        }

        var after = await AccountsAsync(admin);
        Assert.Equal(before.Select(a => a.GetRawText()).Order(), after.Select(a => a.GetRawText()).Order());
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonElement[]> AccountsAsync(HttpClient admin) => (await admin.GetFromJsonAsync<JsonElement[]>("/api/staff"))!;

    private static async Task AssertNamedAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var named = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToList() : [];
        Assert.True(named.Any(n => n == field || n.StartsWith(field + "[", StringComparison.Ordinal) || n.StartsWith(field + ".", StringComparison.Ordinal)), $"{field} not named: {text}");
        Assert.True(problem.TryGetProperty("reasons", out _), $"no reason codes: {text}");
    }

    private static async Task<JsonElement[]> EntriesAsync(HttpClient client, string path)
    {
        JsonElement[] entries = [];
        for (var i = 0; i < 50 && entries.Length == 0; i++)
        {
            if (i > 0) await Task.Delay(100);
            entries = (await client.GetFromJsonAsync<JsonElement[]>($"/api/audit?path={Uri.EscapeDataString(path)}"))!;
        }
        return entries;
    }
}
