using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Gateway.Tests;

public sealed class AuditTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Supervisors_read_only_their_departments_entries_and_admins_all()
    {
        var residentsDossier = $"/api/forms/dossiers/{Guid.NewGuid()}";
        var taxDossier = $"/api/forms/dossiers/{Guid.NewGuid()}";
        await (await gateway.SignedInAsync("clerk.residents")).GetAsync(residentsDossier);
        await (await gateway.SignedInAsync("clerk.tax")).GetAsync(taxDossier);

        var admin = await gateway.SignedInAsync("admin");
        Assert.Single(await EntriesAsync(admin, residentsDossier, wait: true));
        Assert.Single(await EntriesAsync(admin, taxDossier, wait: true));

        var residentsSupervisor = await SupervisorOfAsync("residents-office");
        var taxSupervisor = await SupervisorOfAsync("tax-office");
        var both = await gateway.SignedInAsync("supervisor");

        var entry = Assert.Single(await EntriesAsync(residentsSupervisor, residentsDossier));
        Assert.Contains("residents-office", entry.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        Assert.Empty(await EntriesAsync(residentsSupervisor, taxDossier));
        Assert.Single(await EntriesAsync(taxSupervisor, taxDossier));
        Assert.Empty(await EntriesAsync(taxSupervisor, residentsDossier));
        Assert.Single(await EntriesAsync(both, residentsDossier));
        Assert.Single(await EntriesAsync(both, taxDossier));
        // Without a filter too: nothing of the other department.
        var all = await taxSupervisor.GetFromJsonAsync<JsonElement[]>("/api/audit?take=1000");
        Assert.DoesNotContain(all!, e => e.GetProperty("path").GetString() == residentsDossier);
    }

    [Fact]
    public async Task An_admins_action_without_a_department_is_for_admins_only()
    {
        var admin = await gateway.SignedInAsync("admin");
        var path = $"/api/forms/dossiers/{Guid.NewGuid()}";
        await admin.GetAsync(path);

        Assert.Single(await EntriesAsync(admin, path, wait: true));
        Assert.Empty(await EntriesAsync(await gateway.SignedInAsync("supervisor"), path));
    }

    [Fact]
    public async Task Opening_a_case_is_an_entry_but_its_page_asking_again_is_not_and_every_change_is()
    {
        var clerk = await gateway.SignedInAsync("clerk.residents");
        var documents = $"/api/documents/sessions/{Guid.NewGuid()}";
        var status = $"/api/forms/dossiers/{Guid.NewGuid()}/status";
        // An ended consultation's page used to ask for the documents every 10 s: one entry per ask.
        for (var i = 0; i < 4; i++) await clerk.GetAsync(documents);
        await clerk.PostAsJsonAsync(status, new { status = "in_review" });
        await clerk.PostAsJsonAsync(status, new { status = "completed" });

        var admin = await gateway.SignedInAsync("admin");
        // Entries are written in order: once both changes are there, every read before them is too.
        JsonElement[] changes = [];
        for (var i = 0; i < 50 && changes.Length < 2; i++)
        {
            if (i > 0) await Task.Delay(100);
            changes = await EntriesAsync(admin, status);
        }
        Assert.Equal(2, changes.Length);
        Assert.Single(await EntriesAsync(admin, documents));
        // Another person opening the same case is an entry of their own.
        await (await gateway.SignedInAsync("clerk.second")).GetAsync(documents);
        await (await gateway.SignedInAsync("clerk.second")).PostAsJsonAsync(status, new { status = "rejected" });
        for (var i = 0; i < 50 && changes.Length < 3; i++)
        {
            await Task.Delay(100);
            changes = await EntriesAsync(admin, status);
        }
        Assert.Equal(2, (await EntriesAsync(admin, documents)).Length);
    }

    [Fact]
    public async Task The_log_filters_by_person_case_subject_action_and_days_and_pages_beyond_one_answer()
    {
        var dossier = Guid.NewGuid();
        var room = Guid.NewGuid();
        var residents = await gateway.SignedInAsync("clerk.residents");
        var second = await gateway.SignedInAsync("clerk.second");
        await residents.GetAsync($"/api/forms/dossiers/{dossier}");
        await residents.PostAsJsonAsync($"/api/forms/dossiers/{dossier}/status", new { status = "in_review" });
        await second.GetAsync($"/api/forms/dossiers/{dossier}");
        await second.GetAsync($"/api/documents/sessions/{room}");
        await second.PostAsJsonAsync($"/api/identity/verifications/{room}/decision", new { decision = "verified" });
        var admin = await gateway.SignedInAsync("admin");
        await EntriesAsync(admin, $"/api/identity/verifications/{room}", wait: true);

        async Task<JsonElement[]> Find(string query) => (await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?{query}"))!;

        // A case: every entry whose path names the id, whoever acted.
        var ofDossier = await Find($"case={dossier}");
        Assert.Equal(3, ofDossier.Length);
        Assert.All(ofDossier, e => Assert.Equal("dossier", e.GetProperty("subject").GetString()));
        Assert.Equal(["viewed", "changed", "viewed"], ofDossier.Reverse().Select(e => e.GetProperty("verb").GetString()));
        // A person (part of the display name) within the case; what they did and to what.
        var byPerson = await Find($"case={dossier}&person=sEcOnD");
        Assert.Equal("viewed", Assert.Single(byPerson).GetProperty("verb").GetString());
        Assert.Single(await Find($"case={dossier}&action=changed"));
        Assert.Equal("identity", Assert.Single(await Find($"case={room}&subject=identity")).GetProperty("subject").GetString());
        Assert.Equal("documents", Assert.Single(await Find($"case={room}&subject=documents&action=viewed")).GetProperty("subject").GetString());
        // Days in the city's time zone: today holds them, yesterday none.
        var zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zurich).DateTime);
        Assert.Equal(3, (await Find($"case={dossier}&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}")).Length);
        Assert.Empty(await Find($"case={dossier}&to={today.AddDays(-1):yyyy-MM-dd}"));
        // Pages: the next one starts below the last id shown, without overlap.
        var first = await Find($"case={dossier}&take=2");
        var rest = await Find($"case={dossier}&take=2&before={first[^1].GetProperty("id").GetInt64()}");
        Assert.Equal(2, first.Length);
        var last = Assert.Single(rest);
        Assert.Equal(ofDossier[2].GetProperty("id").GetInt64(), last.GetProperty("id").GetInt64());

        // Bad filters are 400s naming the field.
        var bad = await admin.GetAsync("/api/audit?from=1.12.2026&case=F-2026-1&subject=everything&action=looked");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "from", "case", "subject", "action" }) Assert.True(errors.TryGetProperty(field, out _), field);
        var backwards = await admin.GetAsync($"/api/audit?from={today:yyyy-MM-dd}&to={today.AddDays(-2):yyyy-MM-dd}");
        Assert.True((await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _));
    }

    private static async Task<JsonElement[]> EntriesAsync(HttpClient client, string path, bool wait = false)
    {
        JsonElement[] entries = [];
        for (var i = 0; i < (wait ? 50 : 1) && entries.Length == 0; i++)
        {
            if (i > 0) await Task.Delay(100);
            entries = (await client.GetFromJsonAsync<JsonElement[]>($"/api/audit?path={Uri.EscapeDataString(path)}"))!;
        }
        return entries;
    }

    private async Task<HttpClient> SupervisorOfAsync(string department)
    {
        var admin = await gateway.SignedInAsync("admin");
        var userName = $"sup.{Guid.NewGuid():N}"[..20];
        var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            userName, displayName = $"Supervisor {department} {userName[^6..]}", roles = new[] { "supervisor" }, departments = new[] { department }, skills = Array.Empty<string>(),
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return await gateway.SignedInAsync(userName, await TestAccounts.OwnPasswordAsync(gateway, userName, created.GetProperty("temporaryPassword").GetString()!));
    }
}
