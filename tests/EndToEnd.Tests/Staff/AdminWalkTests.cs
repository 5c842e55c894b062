using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Booking;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// An admin of Lugano (Italian, on a 1366 px laptop) and one of a French-speaking town (on a 1024 px tablet held across)
/// set a new service up through the admin pages alone: a department (mailbox, time zone), a concern in it named in the
/// city's languages, its appointment hours with a closed day, and the account of a clerk who handles it. The clerk signs
/// in for the first time with what the admin gave her, chooses her own password and finds the concern in her language;
/// a resident on a phone finds it on the start page, books, gets the mail, and the clerk sees the appointment. Then the
/// admin closes the day of that appointment: the page says why it refuses, lists the appointment, and saves on the
/// second word. Every stop is looked at on each side (WalkLook); screenshots as admin-walk-{language}-{step}-{side}.png.
/// </summary>
public sealed class AdminWalkTests(Browser browser) : IClassFixture<Browser>
{
    private const string AdminPassword = "Schalter-2026!";

    static AdminWalkTests() => Assertions.SetDefaultExpectTimeout(30_000);

    private sealed record Names(string Department, string Concern, string Description, string Clerk, string Resident, string Visitors);

    private static readonly Dictionary<string, Names> Local = new()
    {
        ["it"] = new("Servizi ai cittadini", "Contrassegno di parcheggio per residenti", "Per chi abita in una zona blu.", "Chiara Bernasconi", "Giulia Rossi", "Carta giornaliera per visitatori"),
        ["fr"] = new("Services aux habitants", "Macaron de stationnement pour résidents", "Pour qui habite en zone bleue.", "Camille Rochat", "Léa Dubois", "Carte journalière pour visiteurs"),
    };

    private static int runs = Random.Shared.Next(100, 900);

    [Theory]
    [InlineData("it", "it-CH", 1366, 768, "Europe/Zurich")]
    // A French-speaking department three hours ahead of the city's zone (Réunion): its clerks and admin read times as
    // its residents booked them.
    [InlineData("fr", "fr-CH", 1024, 768, "Indian/Reunion")]
    public async Task An_admin_sets_up_a_service_through_the_admin_pages_and_its_clerk_and_residents_use_it(
        string language, string locale, int width, int height, string timeZone)
    {
        var findings = new List<string>();
        // Each case's names its own (two cases drew the same random number once, and the French start page found two services).
        var run = Interlocked.Increment(ref runs);
        var names = Local[language];
        var departmentKey = $"walk-{language}-{Guid.NewGuid():N}"[..16];
        var concernKey = $"{departmentKey}-parking";
        var department = $"{names.Department} {run}";
        var concern = $"{names.Concern} {run}";
        var clerkName = $"{names.Clerk} {run}";
        var clerkUser = $"walk.{language}.{Guid.NewGuid():N}"[..20];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var closedDay = (int)today.AddDays(2).DayOfWeek;
        var screen = new ViewportSize { Width = width, Height = height };

        // 1. The admin signs in on the staff page.
        await using var adminParty = await browser.NewPartyAsync(screen, locale);
        await adminParty.AddInitScriptAsync($"localStorage.setItem('lang', '{language}')");
        var admin = await adminParty.NewPageAsync();
        admin.Dialog += (_, dialog) => dialog.AcceptAsync();
        await admin.GotoAsync("/agent/");
        await admin.Locator("#userName").FillAsync("admin");
        await admin.Locator("#password").FillAsync(AdminPassword);
        await admin.Locator("#password").PressAsync("Enter");
        await Assertions.Expect(admin.Locator("#home-title")).ToBeVisibleAsync();
        await LookAsync(admin, language, "1-home", "admin", findings);

        // 2. The department: names in the city's languages, its mailbox and its time zone.
        await admin.Locator("#staff-nav a[href='/agent/admin-booking.html']").ClickAsync();
        var departmentForm = admin.Locator("#department-form");
        await Assertions.Expect(admin.Locator("#department-rows tr").First).ToBeVisibleAsync();
        // Each of the page's forms is shown when asked: "new department" under the list, the focus in the form.
        await Assertions.Expect(departmentForm).ToBeHiddenAsync();
        await admin.Locator("#department-new").ClickAsync();
        await Assertions.Expect(departmentForm.Locator("#d-key")).ToBeFocusedAsync();
        await Assertions.Expect(admin.Locator("#department-form-title")).ToHaveTextAsync(await T(admin, "ab.newDepartment"));
        await departmentForm.Locator("#d-key").FillAsync(departmentKey);
        await departmentForm.Locator("#d-nameDe").FillAsync($"Einwohnerdienste {run}");
        await departmentForm.Locator("#d-nameEn").FillAsync($"Resident services {run}");
        await departmentForm.Locator("#d-nameFr").FillAsync($"Services aux habitants {run}");
        await departmentForm.Locator("#d-nameIt").FillAsync($"Servizi ai cittadini {run}");
        await departmentForm.Locator("#d-mailboxEmail").FillAsync($"{departmentKey}@lugano.example");
        await departmentForm.Locator("#d-timeZone").FillAsync(timeZone);
        await departmentForm.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(admin.Locator("#department-rows tr", new() { HasText = departmentKey })).ToContainTextAsync(department);
        // Saved, the form folds away; said under the list, the focus on the new department's "edit".
        await Assertions.Expect(admin.Locator("#departments-body .list-actions .form-result")).ToHaveTextAsync(await T(admin, "ab.savedItem", new { name = department }));
        await Assertions.Expect(departmentForm).ToBeHiddenAsync();
        await Assertions.Expect(admin.Locator("#department-rows tr", new() { HasText = departmentKey }).GetByRole(AriaRole.Button)).ToBeFocusedAsync();
        await LookAsync(admin, language, "2-department", "admin", findings);

        // 3. The concern in it, named and described in the city's languages.
        var concernForm = admin.Locator("#concern-form");
        await admin.Locator("#concern-new").ClickAsync();
        await Assertions.Expect(concernForm.Locator("#k-key")).ToBeFocusedAsync();
        await concernForm.Locator("#k-key").FillAsync(concernKey);
        await concernForm.Locator("#k-departmentKey").SelectOptionAsync(departmentKey);
        await concernForm.Locator("#k-nameDe").FillAsync($"Anwohnerparkkarte {run}");
        await concernForm.Locator("#k-nameEn").FillAsync($"Residents' parking permit {run}");
        await concernForm.Locator("#k-nameFr").FillAsync($"Macaron de stationnement pour résidents {run}");
        await concernForm.Locator("#k-nameIt").FillAsync($"Contrassegno di parcheggio per residenti {run}");
        await concernForm.Locator("#k-descriptionDe").FillAsync("Für alle, die in einer blauen Zone wohnen.");
        await concernForm.Locator("#k-descriptionEn").FillAsync("For everyone living in a blue zone.");
        await concernForm.Locator("#k-descriptionFr").FillAsync(Local["fr"].Description);
        await concernForm.Locator("#k-descriptionIt").FillAsync(Local["it"].Description);
        await concernForm.Locator("#k-durationMinutes").FillAsync("20");
        await concernForm.Locator("#k-documentsDe").FillAsync("Fahrzeugausweis");
        await concernForm.Locator("#k-documentsEn").FillAsync("Vehicle registration document");
        await concernForm.Locator("#k-documentsFr").FillAsync("Permis de circulation");
        await concernForm.Locator("#k-documentsIt").FillAsync("Licenza di circolazione");
        var saveConcern = concernForm.Locator("button[type=submit]");
        await saveConcern.ClickAsync();
        await Assertions.Expect(admin.Locator("#concern-rows tr", new() { HasText = concernKey })).ToContainTextAsync(concern);
        // Said under the list (the one status line at the page's top said it out of sight), in a polite status line,
        // naming the concern; the form folds away and the focus is on the new concern's "edit".
        var concernSaved = admin.Locator("#concerns-body .list-actions .form-result");
        await Assertions.Expect(concernSaved).ToHaveTextAsync(await T(admin, "ab.savedItem", new { name = concern }));
        await Assertions.Expect(concernSaved).ToHaveAttributeAsync("role", "status");
        await Assertions.Expect(concernForm).ToBeHiddenAsync();
        await Assertions.Expect(admin.Locator("#concern-rows tr", new() { HasText = concernKey }).GetByRole(AriaRole.Button)).ToBeFocusedAsync();
        await Assertions.Expect(admin.Locator("#status")).ToBeEmptyAsync();
        await LookAsync(admin, language, "3-concern", "admin", findings);
        // A second concern of the department, as the first but through booking's API: her account ticks two.
        var visitorsKey = $"{departmentKey}-visitors";
        var visitors = $"{names.Visitors} {run}";
        var added = await adminParty.APIRequest.PutAsync($"/api/booking/admin/concerns/{visitorsKey}", new()
        {
            DataObject = new
            {
                departmentKey, nameDe = $"Besuchertageskarte {run}", nameEn = $"Visitor's day pass {run}", nameFr = $"{Local["fr"].Visitors} {run}",
                nameIt = $"{Local["it"].Visitors} {run}", descriptionFr = "Pour vos invités.", descriptionIt = "Per i vostri ospiti.", durationMinutes = 10,
            },
        });
        Assert.True(added.Ok, $"second concern: {added.Status} {await added.TextAsync()}");

        // 4. Its appointment hours: all day today (whatever the hour of the run), a closed day, office hours else.
        var hours = admin.Locator($"form[data-hours='{departmentKey}-appointments']");
        await Assertions.Expect(hours).ToBeVisibleAsync();
        for (var day = 0; day < 7; day++)
        {
            var value = day == (int)today.DayOfWeek ? "00:00-23:59" : day == closedDay ? "" : "08:00-12:00, 13:30-17:00";
            await hours.Locator($"#a-{departmentKey}-{day}").FillAsync(value);
        }
        await hours.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(hours.Locator(".form-result")).ToHaveTextAsync(await T(admin, "result.saved"));
        await LookAsync(admin, language, "4-hours", "admin", findings);

        // 5. The clerk's account: clerk of the department, handling the concern; the temporary password shown once.
        await admin.Locator("#staff-nav a[href='/agent/admin-staff.html']").ClickAsync();
        var editor = admin.Locator("#editor");
        await Assertions.Expect(admin.Locator("#accounts tr").First).ToBeVisibleAsync();
        await editor.Locator("#f-userName").FillAsync(clerkUser);
        await editor.Locator("#f-displayName").FillAsync(clerkName);
        await editor.Locator("#f-email").FillAsync(Mailbox.UniqueAddress("clerk"));
        await editor.Locator("input[name=roles][value=clerk]").CheckAsync();
        // Her department and its two concerns ticked by the names the admin gave them (they were typed as codes): the
        // concerns appear, grouped under their department, once it is ticked.
        var departmentBoxes = editor.GetByRole(AriaRole.Group, new() { Name = await T(admin, "staff.departments"), Exact = true });
        var skillBoxes = editor.GetByRole(AriaRole.Group, new() { Name = await T(admin, "staff.skills"), Exact = true });
        await Assertions.Expect(editor.Locator("#f-skills-note")).ToHaveTextAsync(await T(admin, "staff.concernsFirst"));
        await Box(departmentBoxes, department, departmentKey).CheckAsync();
        var herConcerns = skillBoxes.GetByRole(AriaRole.Group, new() { Name = department, Exact = true });
        await Box(herConcerns, concern, concernKey).CheckAsync();
        await Box(herConcerns, visitors, visitorsKey).CheckAsync();
        await Assertions.Expect(editor.Locator("#f-skills-note")).ToBeHiddenAsync();
        await Box(herConcerns, visitors, visitorsKey).ScrollIntoViewIfNeededAsync();
        await LookAsync(admin, language, "5-ticks", "admin", findings);
        await editor.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(admin.Locator("#secret-value")).ToHaveTextAsync(new Regex("^Tmp-"));
        await Assertions.Expect(editor.Locator(".form-result")).ToHaveTextAsync(await T(admin, "staff.saved"));
        var temporary = (await admin.Locator("#secret-value").TextContentAsync())!;
        var account = admin.Locator("#accounts tr", new() { HasText = clerkUser });
        await Assertions.Expect(account).ToContainTextAsync(clerkName);
        // Her department by its name (the table read its key).
        await Assertions.Expect(account.Locator("td").Nth(3)).ToHaveTextAsync(department);
        // Her role is one word on one line (at 1024 px the French "Collaborateur·rice" broke inside the word).
        var role = account.Locator("td").Nth(2);
        await Assertions.Expect(role).ToHaveTextAsync(await T(admin, "role.clerk"));
        Assert.Equal(1, await role.EvaluateAsync<int>("td => { const range = document.createRange(); range.selectNodeContents(td.firstChild); return range.getClientRects().length; }"));
        await LookAsync(admin, language, "5-staff", "admin", findings);

        // Edited, her account shows its ticks: the department, and both concerns under it.
        await account.Locator("button[data-action=edit]").ClickAsync();
        await Assertions.Expect(editor.Locator("#f-displayName")).ToBeFocusedAsync();
        await Assertions.Expect(Box(departmentBoxes, department, departmentKey)).ToBeCheckedAsync();
        await Assertions.Expect(Box(herConcerns, concern, concernKey)).ToBeCheckedAsync();
        await Assertions.Expect(Box(herConcerns, visitors, visitorsKey)).ToBeCheckedAsync();
        await Assertions.Expect(skillBoxes.Locator("input:checked")).ToHaveCountAsync(2);
        await LookAsync(admin, language, "5-edit", "admin", findings);
        // On a phone: the accounts as cards (no sideways scrolling), the ticks one under the other.
        await admin.SetViewportSizeAsync(Browser.Phone.Width, Browser.Phone.Height);
        await Assertions.Expect(account.Locator("td").Nth(3)).ToHaveAttributeAsync("data-label", await T(admin, "staff.departments"));
        Assert.Equal("block", await account.EvaluateAsync<string>("tr => getComputedStyle(tr).display"));
        await account.ScrollIntoViewIfNeededAsync();
        await LookAsync(admin, language, "5-staff-phone", "admin", findings);
        await herConcerns.ScrollIntoViewIfNeededAsync();
        await LookAsync(admin, language, "5-edit-phone", "admin", findings);
        await admin.SetViewportSizeAsync(width, height);
        await editor.Locator("button[type=reset]").ClickAsync();
        await Assertions.Expect(skillBoxes.Locator("input")).ToHaveCountAsync(0);

        // 6. The clerk signs in for the first time (her browser speaks her language) and chooses her own password.
        await using var clerkParty = await browser.NewPartyAsync(screen, locale);
        var clerk = await clerkParty.NewPageAsync();
        await clerk.GotoAsync("/agent/");
        await clerk.Locator("#userName").FillAsync(clerkUser);
        await clerk.Locator("#password").FillAsync(temporary);
        await clerk.Locator("#password").PressAsync("Enter");
        await Assertions.Expect(clerk.Locator("#password-forced")).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator("#currentPassword")).ToBeFocusedAsync();
        await LookAsync(clerk, language, "6-first-sign-in", "clerk", findings);
        var password = $"Sportello-{Guid.NewGuid():N}"[..22] + "!A1";
        await clerk.Locator("#currentPassword").FillAsync(temporary);
        await clerk.Locator("#newPassword").FillAsync(password);
        await clerk.Locator("#repeatPassword").FillAsync(password);
        await clerk.Locator("#password-form button[type=submit]").ClickAsync();
        await Assertions.Expect(clerk.Locator("#home-title")).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator("#greeting")).ToContainTextAsync(clerkName);
        await LookAsync(clerk, language, "7-home", "clerk", findings);

        // The queue names her concern in her language (booking learnt her skills from the account).
        await clerk.Locator("#staff-nav a[href='/agent/queue.html']").ClickAsync();
        await Assertions.Expect(clerk.Locator("#skills")).ToContainTextAsync(concern);
        await LookAsync(clerk, language, "8-queue", "clerk", findings);

        // 7. A resident on a phone finds the concern on the start page and books today.
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone, locale);
        var resident = await residentParty.NewPageAsync();
        var email = Mailbox.UniqueAddress();
        var residentName = $"{names.Resident} {run}";
        await resident.GotoAsync("/");
        var card = resident.Locator("article.concern", new() { Has = resident.Locator("h3", new() { HasText = concern }) });
        await Assertions.Expect(card).ToContainTextAsync(names.Description);
        // The department has appointment hours only: they are said, and no "Opening hours" stands above nothing.
        var section = resident.Locator("#departments section", new() { Has = card });
        await Assertions.Expect(section).ToContainTextAsync(await T(resident, "home.appointmentHours"));
        await Assertions.Expect(section).Not.ToContainTextAsync(await T(resident, "home.hours"));
        await card.Locator($"a[href='/book.html?concern={concernKey}']").ScrollIntoViewIfNeededAsync();
        await LookAsync(resident, language, "9-start", "resident", findings);
        await card.Locator($"a[href='/book.html?concern={concernKey}']").ClickAsync();
        await Assertions.Expect(resident.Locator("#concern-name")).ToContainTextAsync(concern);
        var slot = resident.Locator("#slots button[data-start]").First;
        await Assertions.Expect(slot).ToBeVisibleAsync();
        await LookAsync(resident, language, "10-times", "resident", findings);
        // The time as the department's clock reads it (the clerk's and the admin's pages showed the city's clock).
        var bookedAt = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse((await slot.GetAttributeAsync("data-start"))!, System.Globalization.CultureInfo.InvariantCulture), zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await slot.ClickAsync();
        await resident.Locator("#name").FillAsync(residentName);
        await resident.Locator("#email").FillAsync(email);
        await Assertions.Expect(resident.Locator("#language")).ToHaveValueAsync(language);
        await BookingForm.SubmitAsync(resident, (await resident.Locator("#submit").TextContentAsync())!.Trim());
        await Assertions.Expect(resident.Locator("#summary")).ToContainTextAsync(concern);
        await LookAsync(resident, language, "11-booked", "resident", findings);
        var mail = (await Mailbox.WaitForAsync(email, timeout: TimeSpan.FromSeconds(90))).Single();
        Assert.Contains(concern, mail.TextBody);
        Assert.DoesNotContain($"Anwohnerparkkarte {run}", mail.TextBody);

        // 8. The clerk sees it among today's appointments.
        await clerk.Locator("#staff-nav a[href='/agent/appointments.html']").ClickAsync();
        var row = clerk.Locator("#rows tr", new() { HasText = residentName });
        await Assertions.Expect(row).ToContainTextAsync(concern);
        await Assertions.Expect(row).ToContainTextAsync(bookedAt);
        await LookAsync(clerk, language, "12-appointments", "clerk", findings);

        // 9. The admin closes today for appointments: refused with the reason, the appointment listed; kept on the second word.
        await admin.Locator("#staff-nav a[href='/agent/admin-booking.html']").ClickAsync();
        // Closed days as the admin's language writes a date (the table read "2026-12-25").
        var closedOn = (await admin.Locator("#closure-rows tr td").First.TextContentAsync())!;
        Assert.DoesNotMatch(@"^\d{4}-\d{2}-\d{2}$", closedOn);
        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4}$", closedOn);
        // Who handles the concern, by the names the admin gave (the table read "walk-it-1a2b3c4d", "walk-it-1a2b3c4d-parking").
        var handles = admin.Locator("#staff-rows tr", new() { HasText = clerkName });
        await Assertions.Expect(handles).ToContainTextAsync(department);
        await Assertions.Expect(handles).ToContainTextAsync(concern);
        await Assertions.Expect(handles).Not.ToContainTextAsync(departmentKey);
        // Capacity is added for a person chosen by name (the form asked for an id no page shows).
        var person = admin.Locator("#s-staffId");
        await admin.Locator("#staff-new").ClickAsync();
        await Assertions.Expect(person).ToBeFocusedAsync();
        await person.SelectOptionAsync(new SelectOptionValue { Label = $"{clerkName} ({clerkUser})" });
        await Assertions.Expect(admin.Locator("#s-staffName")).ToHaveValueAsync(clerkName);
        await handles.GetByRole(AriaRole.Button).First.ClickAsync();
        await Assertions.Expect(person).ToBeFocusedAsync();
        await Assertions.Expect(person.Locator("option:checked")).ToHaveTextAsync($"{clerkName} ({clerkUser})");
        var ticked = admin.Locator("#s-concerns input:checked");
        await Assertions.Expect(ticked).ToHaveCountAsync(2);
        Assert.Equal([concernKey, visitorsKey], (await ticked.EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)")).Order(StringComparer.Ordinal));
        hours = admin.Locator($"form[data-hours='{departmentKey}-appointments']");
        var todayField = hours.Locator($"#a-{departmentKey}-{(int)today.DayOfWeek}");
        await Assertions.Expect(todayField).ToHaveValueAsync("00:00-23:59");
        await Assertions.Expect(hours.Locator($"#a-{departmentKey}-{closedDay}")).ToHaveValueAsync("");
        await todayField.FillAsync("");
        await hours.Locator("button[type=submit]").ClickAsync();
        var notice = hours.Locator(".affected");
        var said = notice.Locator("[role=alert]");
        await Assertions.Expect(said).ToBeFocusedAsync();
        await Assertions.Expect(said).ToHaveTextAsync(await T(admin, "problem.hours-leave-appointments", new { count = 1 }));
        await Assertions.Expect(notice.Locator("li")).ToContainTextAsync(residentName);
        await Assertions.Expect(notice.Locator("li")).ToContainTextAsync(concern);
        await Assertions.Expect(notice.Locator("li")).ToContainTextAsync(bookedAt);
        await LookAsync(admin, language, "13-hours-refused", "admin", findings);
        await notice.Locator("button").ClickAsync();
        await Assertions.Expect(hours.Locator(".form-result")).ToHaveTextAsync(await T(admin, "result.saved"));
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        // The pressed button went with its notice: the focus is back on the form's own, not lost to the page's start.
        await Assertions.Expect(hours.Locator("button[type=submit]")).ToBeFocusedAsync();
        // The person being edited below keeps her ticks through the page's redraw (they were dropped: saved so, she lost the concern).
        await Assertions.Expect(ticked).ToHaveCountAsync(2);
        Assert.Equal([concernKey, visitorsKey], (await ticked.EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)")).Order(StringComparer.Ordinal));
        await LookAsync(admin, language, "14-hours-kept", "admin", findings);
        await admin.ReloadAsync();
        await Assertions.Expect(admin.Locator($"#a-{departmentKey}-{(int)today.DayOfWeek}")).ToHaveValueAsync("");

        // The appointment stays booked: still on the clerk's list.
        await clerk.ReloadAsync();
        await Assertions.Expect(clerk.Locator("#rows tr", new() { HasText = residentName })).ToContainTextAsync(concern);

        Assert.True(findings.Count == 0, $"{findings.Count} findings for the {language} admin at {width} px:\n{string.Join("\n", findings)}");
    }

    /// <summary>A box by the name it reads as, and its code (an earlier run's department may have drawn the same number).</summary>
    private static ILocator Box(ILocator group, string name, string code) =>
        group.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true }).And(group.Locator($"input[value='{code}']"));

    private static Task LookAsync(IPage page, string language, string step, string side, List<string> findings) =>
        WalkLook.AtAsync(page, language, $"admin-walk-{language}-{step}-{side}", $"{side} {step}", findings, AdminGerman);

    /// <summary>The page's own text for a key, with its placeholders (the page's i18n module, so its catalogue).</summary>
    private static Task<string> T(IPage page, string key, object? values = null) =>
        page.EvaluateAsync<string>("async ([key, values]) => (await import('/shared/i18n.js')).t(key, values ?? {})", new object?[] { key, values });

    /// <summary>German words of the staff and admin pages and of the services' refusals; the names typed in German excepted.</summary>
    private const string AdminGerman = """
        language => {
          const text = document.querySelector('main').innerText.replace(/Einwohnerdienste \d+|Anwohnerparkkarte \d+|Fahrzeugausweis|Deutsch|Leichte Sprache/g, '');
          const german = text.match(/\b(Abteilung(en)?|Anliegen|Kürzel|Zeitzone|Postfach|Speichern|Gespeichert|Termine?|Öffnungszeiten|Sachbearbeitung|Mitarbeitende|Benutzername|Passwort|Konto|Rollen|Themen|gesperrt|geschlossen|Uhr|heute)\b/g);
          return german ? [`German words: ${[...new Set(german)].join(', ')}`] : [];
        }
        """;
}
