using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Issue 16 item 13: a password an admin set is only good for choosing one's own; staff change their own password
/// (current and new, the password rules checked), which ends the account's other sessions.
/// </summary>
public sealed class PasswordChangeTests(QuickSessionCheckGatewayFactory gateway) : IClassFixture<QuickSessionCheckGatewayFactory>
{
    [Fact]
    public async Task An_admin_set_password_must_be_changed_before_anything_else()
    {
        var (id, userName, temporary) = await CreateAsync();
        var client = gateway.Browser();
        var signedIn = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = temporary });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.True((await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustChangePassword").GetBoolean());

        // Nothing but the change: no dossier, no hub, no second factor.
        foreach (var path in new[] { "/api/forms/dossiers", "/api/auth/totp", "/hubs/session/negotiate" })
        {
            var refused = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("urn:municipal:password-change-required", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("mustChangePassword").GetBoolean());

        // The rules, each naming the field with a code the page translates.
        await AssertRefusedAsync(client, new { currentPassword = "not-it-1!A", newPassword = "Mein-Eigenes-2026!" }, "currentPassword", "password-mismatch");
        await AssertRefusedAsync(client, new { currentPassword = temporary, newPassword = temporary }, "newPassword", "password-same-as-current");
        await AssertRefusedAsync(client, new { currentPassword = temporary, newPassword = "kurz-1A" }, "newPassword", "password-too-short");
        await AssertRefusedAsync(client, new { currentPassword = temporary, newPassword = "nurbuchstabenundzahlen1A" }, "newPassword", "password-needs-symbol");
        // Every rule met and still among the first an attacker tries: a breached favourite, a keyboard row, a word and
        // a year, the counter's own name in two languages, the account's own name ("Paula Passwort …") with a year.
        foreach (var guessable in new[] { "Password123!", "Qwertz123456!", "Sommer2026!!!", "Schalter-2026!", "Sportello-2026!", "Paula2026!Zz" })
            await AssertRefusedAsync(client, new { currentPassword = temporary, newPassword = guessable }, "newPassword", "password-guessable");

        var own = "Mein-Eigenes-2026!";
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = temporary, newPassword = own })).StatusCode);
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forms/dossiers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Browser().PostAsJsonAsync("/api/auth/login", new { userName, password = temporary })).StatusCode);

        // A reset by an admin is a temporary password again.
        var admin = await gateway.SignedInAsync("admin");
        var reset = await (await admin.PostAsync($"/api/staff/{id}/reset-password", null)).Content.ReadFromJsonAsync<JsonElement>();
        var again = gateway.Browser();
        var afterReset = await again.PostAsJsonAsync("/api/auth/login", new { userName, password = reset.GetProperty("temporaryPassword").GetString() });
        Assert.True((await afterReset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/api/forms/dossiers")).StatusCode);
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_the_accounts_other_sessions_and_keeps_this_one()
    {
        var (_, userName, temporary) = await CreateAsync();
        var password = await TestAccounts.OwnPasswordAsync(gateway, userName, temporary);
        var here = await gateway.SignedInAsync(userName, password);
        var elsewhere = await gateway.SignedInAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/auth/me")).StatusCode);

        var changed = await here.PostAsJsonAsync("/api/auth/password", new { currentPassword = password, newPassword = "Ganz-Neu-2026!x" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/forms/dossiers")).StatusCode);
        var gone = await elsewhere.GetAsync("/api/auth/me");
        Assert.True(gone.StatusCode == HttpStatusCode.Unauthorized, $"{gone.StatusCode} {await gone.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Browser().PostAsJsonAsync("/api/auth/login", new { userName, password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Browser().PostAsJsonAsync("/api/auth/login", new { userName, password = "Ganz-Neu-2026!x" })).StatusCode);
    }

    /// <summary>
    /// Found from outside: asking for the authenticator key changed the account's security stamp and did not sign the
    /// caller in again, so the page showing the QR code was signed out at the next session check.
    /// </summary>
    [Fact]
    public async Task Setting_up_turning_on_and_off_two_factor_keeps_this_session()
    {
        var (_, userName, temporary) = await CreateAsync();
        var password = await TestAccounts.OwnPasswordAsync(gateway, userName, temporary);
        var here = await gateway.SignedInAsync(userName, password);

        var setup = await here.GetFromJsonAsync<JsonElement>("/api/auth/totp");
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/auth/me")).StatusCode);
        var key = setup.GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await here.PostAsJsonAsync("/api/auth/totp", new { code = Totp.Code(key) })).StatusCode);
        var me = await here.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.True((await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("twoFactorEnabled").GetBoolean());
        using var off = new HttpRequestMessage(HttpMethod.Delete, "/api/auth/totp") { Content = JsonContent.Create(new { code = Totp.Code(key) }) };
        Assert.Equal(HttpStatusCode.NoContent, (await here.SendAsync(off)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/forms/dossiers")).StatusCode);
    }

    /// <summary>
    /// A session is no licence to guess the password (API probe: 40 wrong current passwords in 4 s, neither limited nor
    /// locked). Each wrong one counts as a failed sign-in; at the lockout nothing is checked any more, not even the
    /// right password, and the account cannot be signed in from elsewhere until the lockout ends.
    /// </summary>
    [Fact]
    public async Task Wrong_current_passwords_count_towards_the_lockout_and_a_locked_account_checks_none()
    {
        var (_, userName, temporary) = await CreateAsync();
        var password = await TestAccounts.OwnPasswordAsync(gateway, userName, temporary);
        var session = await gateway.SignedInAsync(userName, password);
        var tries = 0;
        while (true)
        {
            var response = await session.PostAsJsonAsync("/api/auth/password", new { currentPassword = $"Falsch-{tries}-2026!", newPassword = "Ganz-Neu-2026!x" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var reasons = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("currentPassword");
            if (reasons.EnumerateArray().Any(r => r.GetString() == "password-tries-locked")) break;
            Assert.Equal("password-mismatch", reasons[0].GetString());
            Assert.True(++tries <= 10, "still no lockout after 10 wrong current passwords");
        }
        Assert.True(tries >= 3, $"locked after {tries} tries");

        // Locked: the right password is not even checked, and nobody signs in from elsewhere with it.
        await AssertRefusedAsync(session, new { currentPassword = password, newPassword = "Ganz-Neu-2026!x" }, "currentPassword", "password-tries-locked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Browser().PostAsJsonAsync("/api/auth/login", new { userName, password })).StatusCode);
    }

    private static async Task AssertRefusedAsync(HttpClient client, object body, string field, string reason)
    {
        var response = await client.PostAsJsonAsync("/api/auth/password", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        Assert.Contains(reason, problem.GetProperty("reasons").GetProperty(field).EnumerateArray().Select(r => r.GetString()));
    }

    private async Task<(Guid Id, string UserName, string Temporary)> CreateAsync()
    {
        var admin = await gateway.SignedInAsync("admin");
        var userName = $"pw.{Guid.NewGuid():N}"[..20];
        var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            userName, displayName = $"Paula Passwort {userName[^6..]}", roles = new[] { "clerk" }, departments = new[] { "residents-office" }, skills = new[] { "move" },
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("account").GetProperty("id").GetGuid(), userName, created.GetProperty("temporaryPassword").GetString()!);
    }
}
