using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>Issue 16 item 13: the back office as supervisors, admins and clerks walk it.</summary>
public sealed class BackOfficeTests(Browser browser) : IClassFixture<Browser>
{
    private const string Password = "Schalter-2026!";

    [Fact]
    public async Task A_supervisor_finds_one_dossiers_entries_by_id_and_person_reads_them_in_words_and_pages_back()
    {
        await using var supervisor = await browser.NewPartyAsync();
        await SignInAsync(supervisor, "supervisor");
        var dossier = await DossierWith102AuditEntriesAsync(supervisor);

        var page = await supervisor.NewPageAsync();
        await page.GotoAsync("/agent/audit.html");
        await Assertions.Expect(page.Locator("#count")).Not.ToBeEmptyAsync();
        await page.GetByLabel("Dossier- oder Beratungs-ID").FillAsync("F-2026-0001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Dossier- oder Beratungs-ID")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#case-error")).ToBeVisibleAsync();

        await page.GetByLabel("Dossier- oder Beratungs-ID").FillAsync(dossier.ToString());
        await page.GetByLabel("Person oder Konto").FillAsync("rita");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        var rows = page.Locator("#entries tr");
        await Assertions.Expect(rows).ToHaveCountAsync(100);
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("Angezeigte Einträge: 100 – es gibt ältere");
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Cell, new() { Name = "Dossier – geändert" })).ToBeVisibleAsync();
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Cell, new() { Name = "Rita Residents" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Dossier- oder Beratungs-ID")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "backoffice-01-audit-filtered-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ältere Einträge laden" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(102);
        await Assertions.Expect(rows.Last.GetByRole(AriaRole.Cell, new() { Name = "Dossier – angesehen" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ältere Einträge laden" })).ToBeHiddenAsync();
        Assert.DoesNotContain("viewed forms", await page.Locator("#entries").InnerTextAsync());

        // Only what was viewed; then in English.
        await page.GetByLabel("Art").SelectOptionAsync("viewed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.Locator("#lang").SelectOptionAsync("en");
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Cell, new() { Name = "Dossier – viewed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Dossier or consultation ID")).ToHaveValueAsync(dossier.ToString());
        await page.SetViewportSizeAsync(Browser.Phone.Width, Browser.Phone.Height);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "backoffice-02-audit-viewed-english-phone");
    }

    /// <summary>
    /// On a phone the log is a card per entry: a hundred cards of a label above each value made a page some 32,000 px
    /// long. A phone asks for 20 entries at a time, each card a line per fact; "older entries" pages on by keyboard and
    /// the count says how many are shown; the last page takes the button away and the focus goes to the count.
    /// </summary>
    [Fact]
    public async Task A_supervisor_on_a_phone_reads_the_log_twenty_short_cards_at_a_time_and_pages_by_keyboard()
    {
        await using var supervisor = await browser.NewPartyAsync(Browser.Phone, "it-CH");
        await supervisor.AddInitScriptAsync("localStorage.setItem('lang', 'it')");
        await SignInAsync(supervisor, "supervisor");
        var dossier = await DossierWith102AuditEntriesAsync(supervisor);

        var page = await supervisor.NewPageAsync();
        await page.GotoAsync("/agent/audit.html");
        await Assertions.Expect(page.Locator("#count")).Not.ToBeEmptyAsync();
        await page.Locator("#case").FillAsync(dossier.ToString());
        await page.Locator("#filter button[type=submit]").ClickAsync();
        var rows = page.Locator("#entries tr");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("Voci visualizzate: 20 – ce ne sono di meno recenti");
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Cell, new() { Name = "Incarto – modificato" })).ToBeVisibleAsync();
        // Each fact on one line beside its name: a card of five facts, not ten lines.
        var card = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('#entries tr')].map(r => r.getBoundingClientRect().height))");
        Assert.True(card < 230, $"a card is {card:F0} px high");
        var height = await page.EvaluateAsync<double>("() => document.documentElement.scrollHeight");
        Assert.True(height < 5_500, $"the page is {height:F0} px long with 20 entries");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "backoffice-03-audit-phone-italian");

        var more = page.GetByRole(AriaRole.Button, new() { Name = "Caricare voci meno recenti" });
        await more.FocusAsync();
        for (var shown = 40; shown <= 100; shown += 20)
        {
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(rows).ToHaveCountAsync(shown);
            await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync($"Voci visualizzate: {shown} – ce ne sono di meno recenti");
            await Assertions.Expect(more).ToBeFocusedAsync();
        }
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(rows).ToHaveCountAsync(102);
        await Assertions.Expect(more).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("Voci visualizzate: 102");
        await Assertions.Expect(page.Locator("#count")).ToBeFocusedAsync();

        // The desktop's table is as it was: a hundred rows at a time.
        await page.SetViewportSizeAsync(Browser.Desktop.Width, Browser.Desktop.Height);
        await page.Locator("#filter button[type=submit]").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(100);
        await Assertions.Expect(page.Locator("#entries td").First).ToHaveCSSAsync("display", "table-cell");
    }

    [Fact]
    public async Task An_admin_ticks_a_new_colleagues_department_and_concerns_by_name_and_she_chooses_a_password_before_anything_else()
    {
        await using var adminParty = await browser.NewPartyAsync();
        var admin = await adminParty.NewPageAsync();
        await admin.GotoAsync("/agent/");
        await admin.GetByLabel("Benutzername").FillAsync("admin");
        await admin.GetByLabel("Passwort", new() { Exact = true }).FillAsync(Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Mitarbeitende verwalten" }).ClickAsync();

        // Her own account offers no "Sperren", and editing it keeps her admin role ticked, with a hint who may take it
        // (the server refuses both, 409 own-admin-access; the page offered them until 2026-12-07).
        var ownRow = admin.Locator("#accounts tr", new() { Has = admin.GetByRole(AriaRole.Cell, new() { Name = "admin", Exact = true }) });
        await Assertions.Expect(ownRow.GetByRole(AriaRole.Button, new() { Name = "Bearbeiten: Andrea Admin" })).ToBeVisibleAsync();
        await Assertions.Expect(ownRow.GetByRole(AriaRole.Button, new() { Name = "Sperren: Andrea Admin" })).ToHaveCountAsync(0);
        // Nor her password and second factor reset (409 own-account-reset): she changes them on the overview.
        await Assertions.Expect(ownRow.GetByRole(AriaRole.Button, new() { Name = "Passwort zurücksetzen: Andrea Admin" })).ToHaveCountAsync(0);
        await Assertions.Expect(ownRow.GetByRole(AriaRole.Button, new() { Name = "2FA zurücksetzen: Andrea Admin" })).ToHaveCountAsync(0);
        await ownRow.GetByRole(AriaRole.Button, new() { Name = "Bearbeiten: Andrea Admin" }).ClickAsync();
        var adminRole = admin.Locator("#editor").GetByRole(AriaRole.Checkbox, new() { Name = "Administration", Exact = true });
        await Assertions.Expect(adminRole).ToBeCheckedAsync();
        await Assertions.Expect(adminRole).ToBeDisabledAsync();
        await Assertions.Expect(adminRole).ToHaveAccessibleDescriptionAsync("Die eigene Administration und das eigene Konto kann nur eine andere Person mit Administration entziehen oder sperren.");
        await admin.Locator("#editor button[type=reset]").ClickAsync();
        await Assertions.Expect(adminRole).ToBeEnabledAsync();

        var userName = $"neu.{Guid.NewGuid():N}"[..16];
        await admin.GetByLabel("Benutzername").FillAsync(userName);
        await admin.GetByLabel("Sachbearbeitung").CheckAsync();
        // Her department and concerns are ticked by their names (they were typed as codes, and a typo was refused).
        var departments = admin.GetByRole(AriaRole.Group, new() { Name = "Abteilungen", Exact = true });
        await departments.GetByRole(AriaRole.Checkbox, new() { Name = "Einwohneramt", Exact = true }).CheckAsync();
        var concerns = admin.GetByRole(AriaRole.Group, new() { Name = "Themen (Anliegen)", Exact = true }).GetByRole(AriaRole.Group, new() { Name = "Einwohneramt", Exact = true });
        await concerns.GetByRole(AriaRole.Checkbox, new() { Name = "Umzug innerhalb der Stadt", Exact = true }).CheckAsync();
        await concerns.GetByRole(AriaRole.Checkbox, new() { Name = "Hundeanmeldung", Exact = true }).CheckAsync();
        // Saved without a name: refused, the field named beside the button and the focus on the field.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        var name = admin.GetByLabel("Name", new() { Exact = true });
        await Assertions.Expect(name).ToHaveAttributeAsync("aria-invalid", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(name).ToBeFocusedAsync();
        await Assertions.Expect(admin.Locator("#editor .form-result")).ToHaveTextAsync("Nicht gespeichert. Bitte prüfen: Name.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = userName })).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(admin);
        await Browser.ScreenshotAsync(admin, "backoffice-03-account-without-name-desktop");

        // A display name of one long unbroken word (the longest the server accepts) wraps in its cell: the table keeps to the page,
        // and every row's buttons stay in reach.
        // Its own each time: two active colleagues may not share a name, and the suite runs twice (REPLICAS=2).
        var longName = "Nina" + new string('N', 84) + userName[^12..].ToUpperInvariant();
        await name.FillAsync(longName);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#secret-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Tmp-"), new() { Timeout = 30_000 });
        var temporary = (await admin.Locator("#secret-value").TextContentAsync())!;
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = userName })).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("#editor .form-result")).ToHaveTextAsync("Gespeichert.");
        // Her department by its name, not its key.
        await Assertions.Expect(admin.Locator("#accounts tr", new() { HasText = userName }).Locator("td").Nth(3)).ToHaveTextAsync("Einwohneramt");
        Assert.True(await admin.Locator(".table-scroll").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1"),
            "the staff table is wider than its region");
        await Browser.ScreenshotAsync(admin, "backoffice-03b-long-name-wraps-desktop");
        // Each row's buttons name their account; locking says so in the status and gives the focus back to the same row's
        // button, drawn anew as "Entsperren" (it used to fall to the page's start, with nothing said).
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Sperren: {longName}", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("#status")).ToHaveTextAsync($"Konto {longName} gesperrt.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = $"Entsperren: {longName}", Exact = true })).ToBeFocusedAsync();
        await admin.Keyboard.PressAsync("Enter");
        await Assertions.Expect(admin.Locator("#status")).ToHaveTextAsync($"Konto {longName} entsperrt.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = $"Sperren: {longName}", Exact = true })).ToBeFocusedAsync();
        await Browser.AssertAccessibleAsync(admin);

        // The colleague, on a phone, follows a link to the queue: first the password of her own.
        await using var colleague = await browser.NewPartyAsync(Browser.Phone);
        var page = await colleague.NewPageAsync();
        await page.GotoAsync("/agent/queue.html");
        await page.GetByLabel("Benutzername").FillAsync(userName);
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync(temporary);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Eigenes Passwort wählen", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Bisheriges Passwort")).ToBeFocusedAsync();
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "backoffice-04-forced-password-phone");
        // Another page sends her back here; the services answer nothing meanwhile.
        await page.GotoAsync("/agent/dossiers.html");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Eigenes Passwort wählen", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(403, (await colleague.APIRequest.GetAsync("/api/forms/dossiers")).Status);

        await page.GetByLabel("Bisheriges Passwort").FillAsync(temporary);
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync("kurz");
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync("kurz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passwort ändern" }).ClickAsync();
        await Assertions.Expect(page.Locator("#newPassword-error")).ToContainTextAsync("Mindestens 12 Zeichen.");
        await Assertions.Expect(page.GetByLabel("Neues Passwort", new() { Exact = true })).ToBeFocusedAsync();
        await Browser.ScreenshotAsync(page, "backoffice-05-forced-password-too-short-phone");
        // Long enough and every kind of character, and still among the first an attacker tries.
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync("Sommer2026!!!");
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync("Sommer2026!!!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passwort ändern" }).ClickAsync();
        await Assertions.Expect(page.Locator("#newPassword-error")).ToContainTextAsync("Dieses Passwort ist leicht zu erraten");
        await Assertions.Expect(page.GetByLabel("Neues Passwort", new() { Exact = true })).ToBeFocusedAsync();

        var own = "Nina-Eigenes-2026!";
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync(own);
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync(own);
        await page.GetByRole(AriaRole.Button, new() { Name = "Passwort ändern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dossiers", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(200, (await colleague.APIRequest.GetAsync("/api/forms/dossiers")).Status);

        // Later she changes it herself on the overview; the old one no longer signs in.
        await page.GotoAsync("/agent/");
        await page.GetByLabel("Bisheriges Passwort").FillAsync(own);
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync("Nina-Neuer-2026!#");
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync("Nina-Neuer-2026!#");
        // Sent from the keyboard: on the phone-sized overview the click on "Passwort ändern" was caught by the section
        // around it in the local CI run of 2026-12-05 (not yet understood; the README's known limits name it).
        await page.GetByLabel("Neues Passwort wiederholen").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#password-status")).ToHaveTextAsync("Ihr Passwort ist geändert. Anmeldungen dieses Kontos auf anderen Geräten sind beendet.");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "backoffice-06-own-password-changed-phone");
        await using var other = await browser.NewPartyAsync();
        Assert.Equal(401, (await other.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName, password = own } })).Status);
    }

    private static readonly byte[] Pdf =
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"u8.ToArray();

    private const string GermanIdCard = "IDD<<LZ6311T475<<<<<<<<<<<<<<<\n8308126F3108011D<<<<<<<<<<<<<6\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";

    [Fact]
    public async Task The_clerk_sees_the_residents_invalid_fields_and_the_dossier_shows_the_id_check_and_the_consultations_documents()
    {
        await using var consultation = await Forms.ConsultationForm.OpenAsync(browser);
        var (resident, clerk) = (consultation.Resident, consultation.Clerk);

        // The resident mistypes the postcode and moves on: her page marks it, and so does the clerk's.
        var zip = "newAddress.swissZipCode";
        await Forms.FormPage.Field(resident, zip).FillAsync("84");
        await Forms.FormPage.Field(resident, "newAddress.town").FocusAsync();
        await Assertions.Expect(Forms.FormPage.Field(resident, zip)).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(Forms.FormPage.Field(clerk, zip)).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(clerk.Locator("#f-newAddress-swissZipCode-error")).ToHaveTextAsync("Bitte eine vierstellige Schweizer Postleitzahl angeben.");
        await Assertions.Expect(clerk.Locator(".cf-resident-invalid")).ToHaveTextAsync("Auf dem Bildschirm der Person als fehlerhaft markiert: 1 (hier ebenfalls markiert).");
        // Fields the resident has not reached yet are not marked on either side.
        await Assertions.Expect(Forms.FormPage.Field(clerk, "landlord")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(clerk, "backoffice-07-clerk-sees-residents-invalid-field-desktop");
        await Browser.ScreenshotAsync(resident, "backoffice-08-resident-invalid-field-phone");

        // She corrects it: both pages clear it; the town she passed through without filling in is marked on both now.
        await Forms.FormPage.Field(resident, zip).FillAsync("8400");
        await Assertions.Expect(Forms.FormPage.Field(clerk, zip)).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(Forms.FormPage.Field(resident, "newAddress.town")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(Forms.FormPage.Field(clerk, "newAddress.town")).ToHaveAttributeAsync("aria-invalid", "true");

        // The clerk checks her identity (through the identity service, as the panel does) and she hands in a document.
        // The check is of the card held up to the camera: it starts once the video runs (the panel's start says so).
        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        await Assertions.Expect(clerk.Locator("#identity-panel-body [id$=-start]")).ToHaveAttributeAsync("aria-disabled", "false", new() { Timeout = 30_000 });
        var roomId = await clerk.EvaluateAsync<string>("() => window.consultation.roomId");
        var api = consultation.ClerkParty.APIRequest;
        var started = await api.PostAsync("/api/identity/verifications", new() { DataObject = new { sessionId = roomId } });
        Assert.True(started.Ok, await started.TextAsync());
        var check = (await started.JsonAsync())!.Value;
        var checkId = check.GetProperty("id").GetString();
        Assert.True((await api.PutAsync($"/api/identity/verifications/{checkId}/mrz", new() { DataObject = new { mrz = GermanIdCard } })).Ok);
        var decided = await api.PostAsync($"/api/identity/verifications/{checkId}/decision", new()
        {
            DataObject = new
            {
                decision = "verified",
                // The test's specimen card bears another name than the ticket: the clerk says why she verifies anyway.
                reason = "Ausweis geprüft; gebucht unter dem Rufnamen.",
                confirmedFeatures = check.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("key").GetString()).ToArray(),
                questionsAsked = check.GetProperty("questions").EnumerateArray().Take(2).Select(q => q.GetProperty("key").GetString()).ToArray(),
            },
        });
        Assert.True(decided.Ok, await decided.TextAsync());
        await clerk.Locator("#stop-video").ClickAsync();
        await Assertions.Expect(clerk.Locator("#start-video")).ToBeVisibleAsync();
        await resident.Locator("#documents-panel input[type=file]").SetInputFilesAsync(new FilePayload { Name = "Mietvertrag.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await resident.Locator("#documents-panel button[type=submit]").ClickAsync();
        await Assertions.Expect(resident.Locator("#documents-panel .doc-item", new() { HasText = "Mietvertrag.pdf" })).ToBeVisibleAsync(new() { Timeout = 30000 });
        // The upload button, disabled while the file travelled, has the focus again (it used to fall to the page's start).
        await Assertions.Expect(resident.Locator("#documents-panel button[type=submit]")).ToBeFocusedAsync();

        // The verified names reach her form by an event of their own: she fills in after they did, so that nothing
        // changes under her signature (a change after signing clears it, as it must; CI saw the names land after she
        // had signed).
        await Assertions.Expect(Forms.FormPage.Field(resident, "applicant.officialName")).ToHaveValueAsync("Mustermann");
        // She signs; the clerk ends the consultation, and the ended page asks nothing more.
        await Forms.FormPage.FillRegistrationAsync(resident, Mailbox.UniqueAddress());
        // Everything in order on her page: nothing is marked on the clerk's.
        await Assertions.Expect(clerk.Locator(".cf-resident-invalid")).ToBeHiddenAsync();
        await Assertions.Expect(Forms.FormPage.Field(clerk, "newAddress.town")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Forms.FormPage.SignAsync(resident);
        await resident.Locator(".cf-sign button", new() { HasText = "Unterschreiben und einreichen" }).ClickAsync();
        var done = resident.Locator(".cf-done");
        await Assertions.Expect(done).ToContainTextAsync(new System.Text.RegularExpressions.Regex("F-[0-9]{4}-[A-Z2-9]{6}"), new() { Timeout = 30_000 });
        var reference = System.Text.RegularExpressions.Regex.Match((await done.TextContentAsync())!, "F-[0-9]{4}-[A-Z2-9]{6}").Value;
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Beratung beenden" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#status")).ToHaveTextAsync("Die Beratung ist beendet.", new() { Timeout = 10_000 });
        // The room and its button are gone: the focus is on the line that says so, not on the page's start.
        await Assertions.Expect(clerk.Locator("#status")).ToBeFocusedAsync();
        // The resident's page after the consultation says it ended and still leads to the dossier she submitted in it.
        await Assertions.Expect(resident).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/feedback\.html#t=.+&by=clerk"));
        await Assertions.Expect(resident.Locator("#ended")).ToHaveTextAsync("Die Beratung ist beendet.");
        var follow = resident.GetByRole(AriaRole.Link, new() { Name = $"Stand von {reference} ansehen" });
        await Assertions.Expect(follow).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^/dossier\.html#t=[A-Za-z0-9_-]{43}$"));
        await Browser.AssertAccessibleAsync(resident);
        await Browser.ScreenshotAsync(resident, "backoffice-08b-resident-after-the-end-phone");
        var asked = new List<string>();
        clerk.Request += (_, request) => { if (request.Url.Contains("/api/documents/") || request.Url.Contains("/api/sessions/rooms/") || request.Url.Contains("/api/forms/")) asked.Add(request.Url); };
        await clerk.WaitForTimeoutAsync(12_000);
        Assert.Empty(asked);

        // The dossier shows who verified her identity and when, and the consultation's documents to open.
        await clerk.GotoAsync("/agent/dossiers.html");
        await clerk.GetByRole(AriaRole.Button, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#d-identity")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Identität bestätigt von Rita Residents am \\d"), new() { Timeout = 10_000 });
        var open = clerk.Locator("#d-docs .doc-item", new() { HasText = "Mietvertrag.pdf" }).GetByRole(AriaRole.Link, new() { Name = "Öffnen: Mietvertrag.pdf" });
        for (var i = 0; i < 20 && await open.CountAsync() == 0; i++)
        {
            // The virus scan may still be running: the dossier is opened again, as a clerk would.
            await clerk.WaitForTimeoutAsync(1000);
            await clerk.GetByRole(AriaRole.Button, new() { Name = reference }).ClickAsync();
        }
        await Assertions.Expect(open).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "Identitätsprüfung in der Beratung" })).ToBeVisibleAsync();
        await Assertions.Expect(clerk.GetByRole(AriaRole.List, new() { Name = "Dokumente der Beratung" })).ToBeVisibleAsync();
        var file = await consultation.ClerkParty.APIRequest.GetAsync((await open.GetAttributeAsync("href"))!);
        Assert.Equal(200, file.Status);
        Assert.Equal("application/pdf", file.Headers["content-type"]);
        Assert.StartsWith("inline", file.Headers["content-disposition"]);
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(clerk, "backoffice-09-dossier-identity-and-documents-desktop");

        // A clerk of another department sees neither.
        await using var tax = await browser.NewPartyAsync();
        await SignInAsync(tax, "clerk.tax");
        Assert.Equal(403, (await tax.APIRequest.GetAsync($"/api/identity/sessions/{roomId}")).Status);
        Assert.Equal(403, (await tax.APIRequest.GetAsync($"/api/documents/sessions/{roomId}")).Status);
    }

    /// <summary>
    /// A new dossier with more entries in the access log than one page of it holds: a clerk opens it and changes its
    /// status 101 times (every change is an entry of its own); returns once the supervisor's log lists all 102.
    /// </summary>
    private async Task<Guid> DossierWith102AuditEntriesAsync(IBrowserContext supervisor)
    {
        var dossier = Guid.NewGuid();
        await using var clerk = await browser.NewPartyAsync();
        await SignInAsync(clerk, "clerk.residents");
        await clerk.APIRequest.GetAsync($"/api/forms/dossiers/{dossier}");
        for (var i = 0; i < 101; i++)
            await clerk.APIRequest.PostAsync($"/api/forms/dossiers/{dossier}/status", new() { DataObject = new { status = "in_review" } });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await (await supervisor.APIRequest.GetAsync($"/api/audit?case={dossier}&take=500")).JsonAsync())!.Value.GetArrayLength() < 102)
        {
            Assert.True(DateTime.UtcNow < deadline, "The audit entries were not written within 30 s.");
            await Task.Delay(250);
        }
        return dossier;
    }

    internal static async Task SignInAsync(IBrowserContext party, string userName, string password = Password)
    {
        var response = await party.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName, password } });
        Assert.True(response.Ok, $"sign-in of {userName}: {response.Status} {await response.TextAsync()}");
    }
}
