using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// A French-speaking admin on a phone. The staff accounts page ticks a clerk's departments and concerns by name; a code
/// the account has that booking no longer offers stays in sight, ticked, until she unticks it (saved silently without it,
/// the clerk would lose it unasked). No page removes a department from booking, so the test reads booking's catalogue
/// without one of the account's (as after a department taken out of booking's database). Then booking's own page
/// refuses a concern without its German name beside the button pressed, naming the fields. Screenshots as
/// staff-choices-fr-{step}.png.
/// </summary>
public sealed class StaffAccountChoicesTests(Browser browser) : IClassFixture<Browser>
{
    private const string AdminPassword = "Schalter-2026!";

    static StaffAccountChoicesTests() => Assertions.SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task A_code_booking_no_longer_offers_stays_ticked_in_sight_until_the_admin_unticks_it()
    {
        var findings = new List<string>();
        var id = Guid.NewGuid().ToString("N")[..8];
        await using var party = await browser.NewPartyAsync(Browser.Phone, "fr-CH");
        await party.AddInitScriptAsync("localStorage.setItem('lang', 'fr')");
        var api = party.APIRequest;
        await OkAsync(api.PostAsync("/api/auth/login", new() { DataObject = new { userName = "admin", password = AdminPassword } }));
        var (keptKey, keptName, keptConcern, keptConcernName) = await DepartmentAsync(api, $"kept-{id}", $"Service des sports {id}", $"Carte de piscine {id}");
        var (goneKey, _, goneConcern, _) = await DepartmentAsync(api, $"gone-{id}", $"Service des archives {id}", $"Consultation d’archives {id}");
        var userName = $"choix.{id}";
        var created = await api.PostAsync("/api/staff", new()
        {
            DataObject = new { userName, displayName = $"Inès Choix {id}", roles = new[] { "clerk" }, departments = new[] { keptKey, goneKey }, skills = new[] { keptConcern, goneConcern } },
        });
        Assert.True(created.Ok, $"staff account: {created.Status} {await created.TextAsync()}");
        var accountId = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("account").GetProperty("id").GetString();

        var page = await party.NewPageAsync();
        await page.RouteAsync("**/api/booking/admin/departments", async route =>
        {
            var response = await route.FetchAsync();
            var catalogue = JsonNode.Parse(await response.TextAsync())!.AsArray();
            catalogue.Remove(catalogue.Single(d => (string?)d!["key"] == goneKey));
            await route.FulfillAsync(new() { Response = response, Body = catalogue.ToJsonString() });
        });
        await page.GotoAsync("/agent/admin-staff.html");

        // The table names the department booking offers; the other one by the code the account has.
        var row = page.Locator("#accounts tr", new() { HasText = userName });
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync($"{goneKey}, {keptName}");
        await row.Locator("button[data-action=edit]").ClickAsync();

        var departments = page.GetByRole(AriaRole.Group, new() { Name = "Services", Exact = true });
        var skills = page.GetByRole(AriaRole.Group, new() { Name = "Domaines (démarches)", Exact = true });
        var goneBox = departments.GetByRole(AriaRole.Checkbox, new() { Name = $"{goneKey}\u00a0: n’est plus proposé", Exact = true });
        var others = skills.GetByRole(AriaRole.Group, new() { Name = "Démarches hors des services cochés", Exact = true });
        var goneConcernBox = others.GetByRole(AriaRole.Checkbox, new() { Name = $"{goneConcern}\u00a0: n’est plus proposé", Exact = true });
        await Assertions.Expect(departments.GetByRole(AriaRole.Checkbox, new() { Name = keptName, Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(goneBox).ToBeCheckedAsync();
        await Assertions.Expect(skills.GetByRole(AriaRole.Group, new() { Name = keptName, Exact = true })
            .GetByRole(AriaRole.Checkbox, new() { Name = keptConcernName, Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(goneConcernBox).ToBeCheckedAsync();
        await Assertions.Expect(others).ToContainTextAsync("Décocher et enregistrer pour les retirer.");
        // Every box keeps its 20 px beside a name of two lines (the concerns' shrank to 14 px on the phone).
        var narrowest = await page.Locator("#editor input[type=checkbox]").EvaluateAllAsync<double>("boxes => Math.min(...boxes.map(b => b.getBoundingClientRect().width))");
        Assert.True(narrowest >= 19.5, $"a box of the editor is {narrowest} px wide");
        await goneBox.ScrollIntoViewIfNeededAsync();
        await WalkLook.AtAsync(page, "fr", "staff-choices-fr-1-edit-phone", "edit on a phone", findings);

        // Unticked, both stay in sight (a slip is ticked again in place) until saved.
        await goneBox.UncheckAsync();
        await goneConcernBox.UncheckAsync();
        await Assertions.Expect(goneBox).Not.ToBeCheckedAsync();
        await Assertions.Expect(goneConcernBox).Not.ToBeCheckedAsync();
        var save = page.Locator("#editor button[type=submit]");
        await save.ClickAsync();
        await Assertions.Expect(page.Locator("#editor .form-result")).ToHaveTextAsync("Enregistré.");
        await Assertions.Expect(save).ToBeFocusedAsync();
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(keptName);
        using (var accounts = JsonDocument.Parse(await (await api.GetAsync("/api/staff")).TextAsync()))
        {
            var account = accounts.RootElement.EnumerateArray().Single(a => a.GetProperty("id").GetString() == accountId);
            Assert.Equal([keptKey], account.GetProperty("departments").EnumerateArray().Select(d => d.GetString()!).ToArray());
            Assert.Equal([keptConcern], account.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!).ToArray());
        }
        await save.ScrollIntoViewIfNeededAsync();
        await WalkLook.AtAsync(page, "fr", "staff-choices-fr-2-saved-phone", "saved on a phone", findings);

        // Booking's page: a concern without its German name nor its duration, refused beside its button.
        await page.GotoAsync("/agent/admin-booking.html");
        var concernForm = page.Locator("#concern-form");
        // On a phone the concerns fold under their heading's button (AdminHoursFoldTests), which works once the page
        // has drawn its lists (a press before that went unheard).
        await Assertions.Expect(page.Locator("#concern-rows tr").First).ToBeAttachedAsync();
        await page.Locator("#concerns-title button").ClickAsync();
        await Assertions.Expect(page.Locator("#concern-rows tr").First).ToBeVisibleAsync();
        // The form is shown when asked, under the list.
        await page.Locator("#concern-new").ClickAsync();
        await concernForm.Locator("#k-key").FillAsync($"{keptKey}-sans-nom");
        await concernForm.Locator("#k-departmentKey").SelectOptionAsync(keptKey);
        await concernForm.Locator("button[type=submit]").ClickAsync();
        var result = concernForm.Locator(".form-result");
        await Assertions.Expect(result).ToContainTextAsync("Pas enregistré. Veuillez vérifier\u00a0: ");
        await Assertions.Expect(result).ToContainTextAsync("Nom (allemand)");
        await Assertions.Expect(concernForm.Locator("#k-nameDe")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(concernForm.Locator("[aria-invalid=true]").First).ToBeFocusedAsync();
        // The booking page's tables read as cards on the phone, no sideways scrolling.
        // (a concern's card lays out its own facts, its name beside its button).
        Assert.NotEqual("table-row", await page.Locator("#concern-rows tr").First.EvaluateAsync<string>("tr => getComputedStyle(tr).display"));
        await result.ScrollIntoViewIfNeededAsync();
        await WalkLook.AtAsync(page, "fr", "staff-choices-fr-3-concern-refused-phone", "concern refused on a phone", findings);
        await page.Locator("#concern-rows tr").First.ScrollIntoViewIfNeededAsync();
        await WalkLook.AtAsync(page, "fr", "staff-choices-fr-4-concerns-phone", "concerns on a phone", findings);

        Assert.True(findings.Count == 0, $"{findings.Count} findings:\n{string.Join("\n", findings)}");
    }

    /// <summary>A department with one concern, named in the staff languages (sort order 900: after the city's own).</summary>
    private static async Task<(string Key, string Name, string Concern, string ConcernName)> DepartmentAsync(IAPIRequestContext api, string key, string name, string concernName)
    {
        await OkAsync(api.PutAsync($"/api/booking/admin/departments/{key}", new()
        {
            DataObject = new { nameDe = $"Amt {key}", nameEn = $"Office {key}", nameFr = name, nameIt = $"Ufficio {key}", timeZone = "UTC", mailboxEmail = $"{key}@stadt.example", sortOrder = 900 },
        }));
        var concern = $"{key}-c";
        await OkAsync(api.PutAsync($"/api/booking/admin/concerns/{concern}", new()
        {
            DataObject = new { departmentKey = key, nameDe = $"Karte {key}", nameEn = $"Card {key}", nameFr = concernName, nameIt = $"Tessera {key}", durationMinutes = 15, sortOrder = 900 },
        }));
        return (key, name, concern, concernName);
    }

    private static async Task OkAsync(Task<IAPIResponse> call)
    {
        var response = await call;
        Assert.True(response.Ok, $"{response.Url}: {response.Status} {await response.TextAsync()}");
    }
}
