using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Gateway.Data;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Sign-in events in the audit log: until 2026-12-07 an admin reading it could not see that someone tried 40
/// passwords on an account, that it was locked, or that a wrong second-factor code was entered. No failed sign-in
/// was written at all, and a successful one only when its browser was signed in already.
/// </summary>
public sealed class SignInAuditTests(SignInAuditGatewayFactory gateway) : IClassFixture<SignInAuditGatewayFactory>
{
    private const string WrongPassword = "wrong-password-1!";

    [Fact]
    public async Task Sign_in_sign_out_wrong_passwords_the_lockout_and_a_try_while_locked_are_entries_of_the_account()
    {
        var (userName, password) = await TestAccounts.CreateAsync(gateway, "clerk", "residents-office");
        var owner = await gateway.SignedInAsync(userName, password);
        (await owner.PostAsync("/api/auth/logout", null)).EnsureSuccessStatusCode();
        var attacker = gateway.Browser();
        for (var i = 0; i < 5; i++) await attacker.PostAsJsonAsync("/api/auth/login", new { userName, password = WrongPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.PostAsJsonAsync("/api/auth/login", new { userName, password })).StatusCode);

        var admin = await gateway.SignedInAsync("admin");
        // The five wrong passwords: the first at once, the four after it summed up when the window ends.
        var entries = await EventsAsync(admin, $"person={userName}", e => Count(e, "wrongPassword") == 5 && e.Any(x => Is(x, "whileLockedOut")));
        Assert.Equal(5, Count(entries, "wrongPassword"));
        Assert.InRange(entries.Count(e => Is(e, "wrongPassword")), 2, 4);
        Assert.Single(entries, e => Is(e, "lockoutBegun"));
        Assert.Single(entries, e => Is(e, "whileLockedOut"));
        // Two sign-ins (the temporary password, then the own one) and the sign-out.
        Assert.Equal(2, entries.Count(e => Is(e, "signedIn")));
        var signedOut = Assert.Single(entries, e => Is(e, "signedOut"));
        Assert.Equal("/api/auth/logout", signedOut.GetProperty("path").GetString());
        Assert.All(entries, e =>
        {
            Assert.Equal(userName, e.GetProperty("account").GetString());
            Assert.StartsWith("Test clerk", e.GetProperty("staffName").GetString(), StringComparison.Ordinal);
            Assert.Contains("residents-office", e.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        });
        Assert.All(entries.Where(e => !Is(e, "signedIn") && !Is(e, "signedOut")), e => Assert.Equal(401, e.GetProperty("status").GetInt32()));

        // Filtered by kind: every failure, or one event; the supervisor of the account's department reads them too.
        var failures = entries.Count(e => !Is(e, "signedIn") && !Is(e, "signedOut"));
        var failed = await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?person={userName}&event=failed");
        Assert.Equal(failures, failed!.Length);
        Assert.DoesNotContain(failed, e => Is(e, "signedIn") || Is(e, "signedOut"));
        Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?person={userName}&event=lockoutBegun"))!);
        var supervisor = await gateway.SignedInAsync("supervisor");
        Assert.Equal(failures, (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/audit?person={userName}&event=failed"))!.Length);
        var bad = await admin.GetAsync("/api/audit?event=guessed");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("event", out _));
    }

    [Fact]
    public async Task A_missing_and_a_wrong_second_factor_are_entries()
    {
        var (userName, password) = await TestAccounts.CreateAsync(gateway, "supervisor", "tax-office");
        var client = await gateway.SignedInAsync(userName, password);
        var key = (await client.GetFromJsonAsync<JsonElement>("/api/auth/totp")).GetProperty("key").GetString()!;
        (await client.PostAsJsonAsync("/api/auth/totp", new { code = Totp.Code(key) })).EnsureSuccessStatusCode();

        var fresh = gateway.Browser();
        Assert.Equal(HttpStatusCode.BadRequest, (await fresh.PostAsJsonAsync("/api/auth/login", new { userName, password })).StatusCode);
        var wrong = Totp.Code(key) == "000000" ? "111111" : "000000";
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.PostAsJsonAsync("/api/auth/login", new { userName, password, code = wrong })).StatusCode);

        var admin = await gateway.SignedInAsync("admin");
        var entries = await EventsAsync(admin, $"person={userName}", e => e.Any(x => Is(x, "wrongCode")) && e.Any(x => Is(x, "codeMissing")));
        Assert.Equal(401, Assert.Single(entries, e => Is(e, "wrongCode")).GetProperty("status").GetInt32());
        Assert.Equal(400, Assert.Single(entries, e => Is(e, "codeMissing")).GetProperty("status").GetInt32());
        // Neither the code nor the password is anywhere in the log.
        Assert.Equal(0, await RowsContainingAsync(wrong));
        Assert.Equal(0, await RowsContainingAsync(password));
    }

    [Fact]
    public async Task A_wrong_current_password_on_the_password_change_is_an_entry()
    {
        var (userName, password) = await TestAccounts.CreateAsync(gateway, "clerk", "tax-office");
        var client = await gateway.SignedInAsync(userName, password);
        var refused = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = WrongPassword, newPassword = "Another-2026-pass!" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var admin = await gateway.SignedInAsync("admin");
        var entry = Assert.Single(await EventsAsync(admin, $"person={userName}&event=passwordChangeFailed", e => e.Length > 0));
        Assert.Equal(userName, entry.GetProperty("account").GetString());
        Assert.Equal("/api/auth/password", entry.GetProperty("path").GetString());
        Assert.Equal(0, await RowsContainingAsync(WrongPassword));
    }

    /// <summary>
    /// A name that matches no account is often a password typed into the wrong field: the entry says "unknown
    /// account" and keeps nothing of what was typed, also when it is huge or holds control characters (a NUL once
    /// stopped the audit log, probe 7), and the log goes on.
    /// </summary>
    [Theory]
    [InlineData("Sommer2026!")]
    [InlineData("line\nbreak\u0001\u001f")]
    [InlineData("nul\u0000inside")]
    [InlineData(null)]
    public async Task A_name_that_matches_no_account_is_an_entry_that_keeps_nothing_of_the_name(string? typed)
    {
        var marker = Guid.NewGuid().ToString("N");
        var userName = (typed ?? new string('x', 5_000)) + marker;
        var response = await gateway.Browser().PostAsJsonAsync("/api/auth/login", new { userName, password = WrongPassword });
        Assert.True((int)response.StatusCode is 400 or 401, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

        var admin = await gateway.SignedInAsync("admin");
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var unknown = await EventsAsync(admin, "event=unknownAccount", e => e.Length > 0);
            Assert.NotEmpty(unknown);
            Assert.All(unknown, e =>
            {
                Assert.Equal(JsonValueKind.Null, e.GetProperty("account").ValueKind);
                Assert.Equal("", e.GetProperty("staffName").GetString());
                Assert.Equal(Guid.Empty, e.GetProperty("staffId").GetGuid());
                Assert.Empty(e.GetProperty("departments").EnumerateArray());
            });
        }
        // Later entries are still written; nothing of the name is kept.
        var after = $"/api/forms/dossiers/{Guid.NewGuid()}";
        await admin.GetAsync(after);
        Assert.NotEmpty(await EventsAsync(admin, $"path={Uri.EscapeDataString(after)}", e => e.Length > 0, signInOnly: false));
        Assert.Equal(0, await RowsContainingAsync(marker));
    }

    private static bool Is(JsonElement entry, string @event) => entry.GetProperty("event").GetString() == @event;

    private static int Count(JsonElement[] entries, string @event) => entries.Where(e => Is(e, @event)).Sum(e => e.GetProperty("repeats").GetInt32());

    /// <summary>The entries the filter finds, once <paramref name="done"/> holds (entries are written in batches, sums when their window ends, 10 s here).</summary>
    private static async Task<JsonElement[]> EventsAsync(HttpClient admin, string query, Func<JsonElement[], bool> done, bool signInOnly = true)
    {
        JsonElement[] entries = [];
        for (var i = 0; i < 150; i++)
        {
            if (i > 0) await Task.Delay(200);
            entries = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?take=500&{query}"))!;
            if (signInOnly) entries = entries.Where(e => e.GetProperty("event").ValueKind == JsonValueKind.String).ToArray();
            if (done(entries)) break;
        }
        return entries;
    }

    /// <summary>Audit rows holding <paramref name="text"/> in any text column.</summary>
    private async Task<long> RowsContainingAsync(string text)
    {
        await using var scope = gateway.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
        return await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM audit_log WHERE strpos(concat_ws('|', staff_name, action, method, path, client_ip, event, account, array_to_string(departments, '|')), {text}) > 0").SingleAsync();
    }
}

/// <summary>
/// A flood of failed sign-ins does not grow the log by a row each: 200 wrong passwords on one account and 200 names
/// that match none, from one address, are a few entries whose repeats add up to 200 each.
/// </summary>
public sealed class SignInBurstAuditTests(SignInAuditGatewayFactory gateway) : IClassFixture<SignInAuditGatewayFactory>
{
    [Fact]
    public async Task Two_hundred_failures_are_a_few_entries_that_count_them_all()
    {
        var (userName, _) = await TestAccounts.CreateAsync(gateway, "clerk", "residents-office");
        var attempts = Enumerable.Range(0, 200).SelectMany(i => new[] { userName, $"nobody.{i}.{Guid.NewGuid():N}" }).ToArray();
        var started = DateTime.UtcNow;
        await Parallel.ForEachAsync(attempts, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (name, ct) =>
        {
            var response = await gateway.Browser().PostAsJsonAsync("/api/auth/login", new { userName = name, password = "wrong-password-1!" }, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        });
        // Each window (10 s here) writes at most two entries per event, account and address: the first and the sum.
        var windows = (int)Math.Ceiling((DateTime.UtcNow - started).TotalSeconds / SignInAuditGatewayFactory.WindowSeconds) + 1;

        var admin = await gateway.SignedInAsync("admin");
        JsonElement[] failed = [];
        int Sum(IEnumerable<JsonElement> entries) => entries.Sum(e => e.GetProperty("repeats").GetInt32());
        bool OfAccount(JsonElement e) => e.GetProperty("account").GetString() == userName && e.GetProperty("event").GetString() is "wrongPassword" or "whileLockedOut";
        bool Unknown(JsonElement e) => e.GetProperty("event").GetString() == "unknownAccount";
        for (var i = 0; i < 200; i++)
        {
            if (i > 0) await Task.Delay(200);
            failed = (await admin.GetFromJsonAsync<JsonElement[]>("/api/audit?event=failed&take=500"))!;
            if (Sum(failed.Where(OfAccount)) == 200 && Sum(failed.Where(Unknown)) == 200) break;
        }

        Assert.Equal(200, Sum(failed.Where(OfAccount)));
        Assert.Equal(200, Sum(failed.Where(Unknown)));
        // Two events on the account (wrong password, then tries while locked), one on unknown names.
        Assert.InRange(failed.Count(OfAccount), 2, 2 * 2 * windows);
        Assert.InRange(failed.Count(Unknown), 2, 2 * windows);
    }
}
