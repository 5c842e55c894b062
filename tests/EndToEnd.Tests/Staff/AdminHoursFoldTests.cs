using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// The admin's "services and hours" page on a phone showed every department's two weekly hour editors open, one under
/// the other (some 30,000 px with the demo city's departments), and no range could end at midnight. On a phone each
/// department is now a heading whose button folds its hours out (aria-expanded), by keyboard; an evening counter is
/// written "18:00-24:00", saved and shown so, the focus stays on the pressed button and the result is said beside it; a
/// range past midnight is refused at its field. The page's height, folded and with every department open as before, is
/// written to admin-hours-height-{language}.txt beside the screenshots admin-hours-{language}(-open, -refused).png.
/// The page's other sections (departments, closed days, who handles what, concerns) fold the same way on a phone. Open,
/// a section was still long, its form always shown under its list (the concerns' 18 fields): a form is now shown only
/// when asked, by a row's "edit" or "new …", under a heading naming what is edited, the focus in it; saved, cancelled
/// or left with Escape it folds away and the focus goes back to the row's button or to "new …", a save said under the
/// list, a refusal beside the form's button (admin-booking-{language}-concern-refused.png, -concerns.png). The closed
/// days to come are listed first, the past ones behind "past closures"; one of each is deleted by keyboard
/// (-closures.png, -closure-deleted.png). Each section's height open alone, as it is and with its form shown as
/// before, is written too; at 1366 px the concern's form opens and saves the same way (-desktop-concern.png,
/// -desktop-saved.png).
/// </summary>
public sealed class AdminHoursFoldTests(Browser browser) : IClassFixture<Browser>
{
    private const string AdminPassword = "Schalter-2026!";

    static AdminHoursFoldTests() => Assertions.SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("fr", "fr-CH")]
    [InlineData("de", "de-CH")]
    [InlineData("it", "it-CH")]
    [InlineData("en", "en-GB")]
    public async Task On_a_phone_each_departments_hours_fold_out_and_an_evening_ends_at_24_00(string language, string locale)
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone, locale);
        Assert.True((await party.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "admin", password = AdminPassword } })).Ok);
        var key = $"night-{language}-{Guid.NewGuid():N}"[..18];
        var name = $"Notfallschalter {key[^6..]}";
        var saved = await party.APIRequest.PutAsync($"/api/booking/admin/departments/{key}", new()
        {
            DataObject = new { nameDe = name, nameFr = $"Guichet d’urgence {key[^6..]}", nameIt = $"Sportello d’urgenza {key[^6..]}", nameEn = $"Emergency desk {key[^6..]}", mailboxEmail = $"{key}@stadt.example", sortOrder = 900 },
        });
        Assert.True(saved.Ok, $"{saved.Status} {await saved.TextAsync()}");
        // A concern and a closed day of the department, to be found, edited and deleted on the phone.
        var concernKey = $"{key}-k";
        var concernSaved = await party.APIRequest.PutAsync($"/api/booking/admin/concerns/{concernKey}", new()
        {
            DataObject = new { departmentKey = key, nameDe = $"Nachtpass {key[^6..]}", nameFr = $"Passeport de nuit {key[^6..]}", nameIt = $"Passaporto notturno {key[^6..]}", nameEn = $"Night passport {key[^6..]}",
                descriptionDe = "Ausweis in der Nacht", descriptionEn = "An identity card at night", descriptionFr = "Une carte d’identité la nuit",
                descriptionIt = "Una carta d’identità di notte", durationMinutes = 20, bufferMinutes = 0, documentsDe = Array.Empty<string>(), active = true, sortOrder = 900 },
        });
        Assert.True(concernSaved.Ok, $"{concernSaved.Status} {await concernSaved.TextAsync()}");
        var reason = $"Inventur {key[^6..]}";
        var closed = await party.APIRequest.PostAsync("/api/booking/admin/closures", new()
        {
            DataObject = new { departmentKey = key, date = $"{2031 + Random.Shared.Next(0, 5)}-0{Random.Shared.Next(1, 10)}-1{Random.Shared.Next(0, 10)}", reasonDe = reason, reasonEn = reason, reasonFr = reason, reasonIt = reason },
        });
        Assert.True(closed.Ok, $"{closed.Status} {await closed.TextAsync()}");
        // Yesterday's closed day (the service still takes one): listed only behind "past closures".
        var pastReason = $"Umzug {key[^6..]}";
        var pastClosed = await party.APIRequest.PostAsync("/api/booking/admin/closures", new()
        {
            DataObject = new { departmentKey = key, date = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reasonDe = pastReason, reasonEn = pastReason, reasonFr = pastReason, reasonIt = pastReason },
        });
        Assert.True(pastClosed.Ok, $"{pastClosed.Status} {await pastClosed.TextAsync()}");
        var shown = language switch { "fr" => $"Guichet d’urgence {key[^6..]}", "it" => $"Sportello d’urgenza {key[^6..]}", "en" => $"Emergency desk {key[^6..]}", _ => name };

        await party.AddInitScriptAsync($"localStorage.setItem('lang', '{language}')");
        var page = await party.NewPageAsync();
        await page.GotoAsync("/agent/admin-booking.html");
        var fold = page.Locator("#hours").GetByRole(AriaRole.Button, new() { Name = shown, Exact = true });
        var live = page.Locator($"form[data-hours='{key}-live']");
        var appointments = page.Locator($"form[data-hours='{key}-appointments']");

        // Folded: a heading with a button per department, its hours out of sight and out of the tab order.
        await Assertions.Expect(fold).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(fold.Locator("xpath=parent::h3")).ToHaveCountAsync(1);
        await Assertions.Expect(live).ToBeHiddenAsync();
        await Assertions.Expect(appointments).ToBeHiddenAsync();
        var folded = await HeightAsync(page);
        var foldedCards = await page.Locator("#hours .hours-fold").EvaluateAllAsync<int[]>("cards => cards.map(c => c.offsetHeight)");
        var findings = new List<string>();
        await WalkLook.AtAsync(page, language, $"admin-hours-{language}", "admin's hours, folded", findings);

        // By keyboard: Enter on the button shows its two weeks.
        await fold.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(fold).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(live).ToBeVisibleAsync();
        await Assertions.Expect(appointments).ToBeVisibleAsync();
        await Assertions.Expect(fold).ToBeFocusedAsync();

        // An evening counter until midnight on Monday, appointments in the morning and the evening.
        var monday = live.Locator($"#h-{key}-1");
        await monday.FillAsync("18:00-24:00");
        var save = live.Locator("button[type=submit]");
        await save.ClickAsync();
        await Assertions.Expect(live.Locator(".form-result[role=status]")).ToHaveTextAsync(await T(page, "result.saved"));
        await Assertions.Expect(save).ToBeFocusedAsync();
        await appointments.Locator($"#a-{key}-1").FillAsync("08:00-12:00, 18:00-24:00");
        await appointments.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(appointments.Locator(".form-result[role=status]")).ToHaveTextAsync(await T(page, "result.saved"));
        await Assertions.Expect(fold).ToHaveAttributeAsync("aria-expanded", "true");
        await live.ScrollIntoViewIfNeededAsync();
        await WalkLook.AtAsync(page, language, $"admin-hours-{language}-open", "admin's hours, one department open", findings);

        var listed = JsonDocument.Parse(await (await party.APIRequest.GetAsync("/api/booking/admin/departments")).TextAsync()).RootElement
            .EnumerateArray().Single(d => d.GetProperty("key").GetString() == key);
        Assert.Equal("24:00", listed.GetProperty("openingHours")[0].GetProperty("closes").GetString());
        Assert.Equal(["12:00", "24:00"], listed.GetProperty("appointmentHours").EnumerateArray().Select(h => h.GetProperty("closes").GetString()));

        // A range past midnight is two ranges: refused at its field, the refusal said beside the button.
        await monday.FillAsync("22:00-02:00");
        await save.ClickAsync();
        await Assertions.Expect(live.Locator($"#h-{key}-1-error")).ToHaveTextAsync(await T(page, "problem.closes-before-opens"));
        await Assertions.Expect(monday).ToBeFocusedAsync();
        await Assertions.Expect(live.Locator(".form-result[role=status]")).Not.ToHaveTextAsync("");
        await WalkLook.AtAsync(page, language, $"admin-hours-{language}-refused", "admin's hours, a range past midnight refused", findings);

        // Loaded anew: folded again, and opened it reads "18:00-24:00" (as saved, not the refused try).
        await page.ReloadAsync();
        await Assertions.Expect(fold).ToHaveAttributeAsync("aria-expanded", "false");
        await fold.ClickAsync();
        await Assertions.Expect(monday).ToHaveValueAsync("18:00-24:00");
        await Assertions.Expect(appointments.Locator($"#a-{key}-1")).ToHaveValueAsync("08:00-12:00, 18:00-24:00");

        // The page's other sections fold the same way, each under its heading's button, their lists and forms out of sight.
        var sections = page.Locator("section.fold-section > h2 button");
        await Assertions.Expect(sections).ToHaveCountAsync(4);
        for (var i = 0; i < 4; i++) await Assertions.Expect(sections.Nth(i)).ToHaveAttributeAsync("aria-expanded", "false");
        var concernForm = page.Locator("#concern-form");
        await Assertions.Expect(concernForm).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#closure-rows")).ToBeHiddenAsync();

        // By keyboard: the concerns open on their list alone, the form shown only when asked.
        var concernsFold = page.Locator("#concerns-title").GetByRole(AriaRole.Button, new() { Name = await T(page, "ab.concernList"), Exact = true });
        await concernsFold.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(concernsFold).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(concernsFold).ToBeFocusedAsync();
        var concernRow = page.Locator("#concern-rows tr", new() { HasText = concernKey });
        await Assertions.Expect(concernRow).ToBeVisibleAsync();
        await Assertions.Expect(concernForm).ToBeHiddenAsync();
        var newConcern = page.Locator("#concern-new");
        await Assertions.Expect(newConcern).ToHaveAttributeAsync("aria-expanded", "false");

        // "Edit" on one concern: the form under a heading naming it, the focus in it; saved, it folds away, the list's
        // line says so, the focus is back on the row's button and the section stays open through the page's redraw.
        var concernName = language switch { "fr" => $"Passeport de nuit {key[^6..]}", "it" => $"Passaporto notturno {key[^6..]}", "en" => $"Night passport {key[^6..]}", _ => $"Nachtpass {key[^6..]}" };
        var edit = concernRow.GetByRole(AriaRole.Button);
        await Assertions.Expect(edit).ToHaveAttributeAsync("aria-expanded", "false");
        await edit.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(concernForm).ToBeVisibleAsync();
        await Assertions.Expect(concernForm.Locator("#k-key")).ToBeFocusedAsync();
        await Assertions.Expect(concernForm.Locator("#k-key")).ToHaveValueAsync(concernKey);
        await Assertions.Expect(page.Locator("#concern-form-title")).ToHaveTextAsync(await T(page, "ab.editConcern", new { name = concernName }));
        await Assertions.Expect(concernForm).ToHaveAttributeAsync("aria-labelledby", "concern-form-title");
        await Assertions.Expect(edit).ToHaveAttributeAsync("aria-expanded", "true");
        await concernForm.Locator("#k-durationMinutes").FillAsync("25");
        var concernSave = concernForm.Locator("button[type=submit]");
        await concernSave.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var listSaid = page.Locator("#concerns-body .list-actions .form-result[role=status]");
        await Assertions.Expect(listSaid).ToHaveTextAsync(await T(page, "ab.savedItem", new { name = concernName }));
        await Assertions.Expect(concernForm).ToBeHiddenAsync();
        await Assertions.Expect(concernRow.Locator("td").Nth(2)).ToHaveTextAsync("25");
        await Assertions.Expect(edit).ToBeFocusedAsync();
        await Assertions.Expect(edit).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(concernsFold).ToHaveAttributeAsync("aria-expanded", "true");
        // Without its German name it is refused at the field, said beside the form's button; the form stays open.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(concernForm.Locator("#k-key")).ToBeFocusedAsync();
        await concernForm.Locator("#k-nameDe").FillAsync("");
        await concernSave.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(concernForm.Locator("#k-nameDe")).ToHaveAttributeAsync("aria-invalid", "true");
        var concernResult = concernForm.Locator(".form-result[role=status]");
        await Assertions.Expect(concernResult).ToContainTextAsync(await T(page, "ab.nameDe"));
        await Assertions.Expect(concernForm).ToBeVisibleAsync();
        await Assertions.Expect(listSaid).ToHaveTextAsync("");
        await concernResult.ScrollIntoViewIfNeededAsync();
        await WalkLook.AtAsync(page, language, $"admin-booking-{language}-concern-refused", "admin's concern refused, its form open", findings);
        // Cancel: folded, nothing saved, the focus back on the row's button.
        await concernForm.GetByRole(AriaRole.Button, new() { Name = await T(page, "ab.cancel"), Exact = true }).ClickAsync();
        await Assertions.Expect(concernForm).ToBeHiddenAsync();
        await Assertions.Expect(edit).ToBeFocusedAsync();
        await Assertions.Expect(concernRow.Locator("td").Nth(1)).ToHaveTextAsync(concernName);
        // "New concern": an empty form under its own heading; Escape folds it and the focus is back on the button.
        await newConcern.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(newConcern).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.Locator("#concern-form-title")).ToHaveTextAsync(await T(page, "ab.newConcern"));
        await Assertions.Expect(concernForm.Locator("#k-key")).ToBeFocusedAsync();
        await Assertions.Expect(concernForm.Locator("#k-key")).ToHaveValueAsync("");
        await Assertions.Expect(concernForm.Locator("#k-nameDe")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(concernForm).ToBeHiddenAsync();
        await Assertions.Expect(newConcern).ToBeFocusedAsync();
        await Assertions.Expect(newConcern).ToHaveAttributeAsync("aria-expanded", "false");
        await concernsFold.ScrollIntoViewIfNeededAsync();
        await WalkLook.AtAsync(page, language, $"admin-booking-{language}-concerns", "admin's concerns, their list open", findings);

        // The closed days open by keyboard on the days to come; yesterday's is behind its button. One is deleted, the
        // focus stays at its list and the line under the lists says which.
        var closuresFold = page.Locator("#closures-title").GetByRole(AriaRole.Button, new() { Name = await T(page, "ab.closures"), Exact = true });
        await closuresFold.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(closuresFold).ToHaveAttributeAsync("aria-expanded", "true");
        var closureRow = page.Locator("#closure-rows tr", new() { HasText = reason });
        await Assertions.Expect(closureRow).ToBeVisibleAsync();
        var pastRow = page.Locator("#closure-past-rows tr", new() { HasText = pastReason });
        await Assertions.Expect(page.Locator("#closure-rows tr", new() { HasText = pastReason })).ToHaveCountAsync(0);
        await Assertions.Expect(pastRow).ToBeHiddenAsync();
        var pastToggle = page.Locator("#closure-past-toggle");
        await Assertions.Expect(pastToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await WalkLook.AtAsync(page, language, $"admin-booking-{language}-closures", "admin's closed days to come", findings);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await closureRow.GetByRole(AriaRole.Button).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(closureRow).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#closure-deleted[role=status]")).Not.ToHaveTextAsync("");
        await Assertions.Expect(page.Locator("#closures-body .table-scroll").First).ToBeFocusedAsync();
        await Assertions.Expect(closuresFold).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Locator("#closure-deleted").ScrollIntoViewIfNeededAsync();
        await WalkLook.AtAsync(page, language, $"admin-booking-{language}-closure-deleted", "admin's closed day deleted, its section open", findings);
        await pastToggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(pastToggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(pastRow).ToBeVisibleAsync();
        await pastRow.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(pastRow).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(page);

        // Each section open alone, as it is and with its form (and the past days) shown as before; then all of them.
        // The department opened above folds again first: the heights are of the hours folded.
        await fold.ClickAsync();
        await Assertions.Expect(fold).ToHaveAttributeAsync("aria-expanded", "false");
        var shownBefore = "['#department-form', '#staff-form', '#concern-form', '#closure-past'].map(s => document.querySelector(s))";
        var heights = new List<string>();
        var grown = new Dictionary<string, int>();
        foreach (var section in new[] { "departments", "closures", "staff", "concerns" })
        {
            await page.EvaluateAsync($"s => document.querySelectorAll('section.fold-section').forEach(e => e.classList.toggle('open', e.getAttribute('aria-labelledby') === s + '-title'))", section);
            var now = await HeightAsync(page);
            await page.EvaluateAsync($"() => {shownBefore}.forEach(e => e.hidden = false)");
            var before = await HeightAsync(page);
            await page.EvaluateAsync($"() => {shownBefore}.forEach(e => e.hidden = true)");
            heights.Add($"{section} open: {now} px ({before} px with its form shown)");
            grown[section] = before - now;
        }
        await page.EvaluateAsync("() => document.querySelectorAll('section.fold-section').forEach(s => s.classList.add('open'))");
        var sectionsOpen = await HeightAsync(page);
        foreach (var section in new[] { "departments", "staff" })
            await page.Locator($"#{section}-body").ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, $"admin-booking-{language}-{section}.png") });
        await page.EvaluateAsync($"() => {shownBefore}.forEach(e => e.hidden = false)");
        var sectionsOpenBefore = await HeightAsync(page);
        await page.EvaluateAsync($"() => {shownBefore}.forEach(e => e.hidden = true)");
        await page.EvaluateAsync("() => document.querySelectorAll('#hours .hours-fold').forEach(c => c.classList.add('open'))");
        var unfolded = await HeightAsync(page);
        var count = await page.Locator("#hours .hours-fold").CountAsync();
        await File.WriteAllTextAsync(Path.Combine(Browser.ScreenshotDirectory, $"admin-hours-height-{language}.txt"),
            string.Create(CultureInfo.InvariantCulture,
                $"390 px, {count} departments: {folded} px folded, {sectionsOpen} px with the hours folded and the sections open ({sectionsOpenBefore} px with their forms shown), {unfolded} px all open\n{string.Join("\n", heights)}\n"));
        // Folded, a department is its heading's line or two; open, its two weeks are 14 fields one under the other.
        Assert.True(unfolded - sectionsOpen > count * 1000, $"{count} departments: hours folded {sectionsOpen} px, all open {unfolded} px");
        // Open, a section is its list: the concerns' form alone is 18 fields, the departments' 8, the staff's 4.
        Assert.True(grown["concerns"] > 1500 && grown["departments"] > 500 && grown["staff"] > 250, string.Join("; ", heights));
        Assert.True(sectionsOpen > folded, $"sections folded {folded} px, open {sectionsOpen} px");
        Assert.True(foldedCards.Max() < 120, $"folded departments {string.Join(", ", foldedCards)} px high");

        // Wider (1366 px) the same: the sections shown without their buttons, a form only when asked.
        await page.SetViewportSizeAsync(1366, 900);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#concern-rows tr", new() { HasText = concernKey })).ToBeVisibleAsync();
        await Assertions.Expect(concernForm).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#department-form")).ToBeHiddenAsync();
        await page.Locator("#concern-rows tr", new() { HasText = concernKey }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(concernForm.Locator("#k-key")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#concern-form-title")).ToHaveTextAsync(await T(page, "ab.editConcern", new { name = concernName }));
        await WalkLook.AtAsync(page, language, $"admin-booking-{language}-desktop-concern", "admin's concern form at 1366 px", findings);
        await concernForm.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#concerns-body .list-actions .form-result")).ToHaveTextAsync(await T(page, "ab.savedItem", new { name = concernName }));
        await Assertions.Expect(concernForm).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#concern-rows tr", new() { HasText = concernKey }).GetByRole(AriaRole.Button)).ToBeFocusedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, $"admin-booking-{language}-desktop-saved.png") });
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    private static Task<int> HeightAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");

    /// <summary>The page's own text for a key (the page's i18n module, so its catalogue).</summary>
    private static Task<string> T(IPage page, string key, object? vars = null) =>
        page.EvaluateAsync<string>("async ([key, vars]) => (await import('/shared/i18n.js')).t(key, vars)", new object[] { key, vars ?? new { } });
}
