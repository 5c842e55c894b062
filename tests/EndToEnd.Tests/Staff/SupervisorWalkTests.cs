using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Booking;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.EndToEnd.Tests.Documents;
using Municipal.EndToEnd.Tests.Languages;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// A French-speaking supervisor on a 1366 px laptop, on a day of her desk made through the product: a resident served
/// and rating it, a resident (phone, Italian) whom she takes and hands on to a colleague of the department, who serves
/// and is rated, an appointment booked and a resident left waiting; the statistics page must agree with that day, in
/// French formats, its charts named and its tables reached by keyboard; then the audit page. And residents at the
/// town hall's scanner kiosk on a tablet held both ways, in Italian and in French, dropping two pages for a concern
/// that an Italian-speaking clerk finds in the inbox, assigns and marks processed. Every step is looked at as the
/// other walks do (page language, raw keys, German words, sideways scrolling, small targets, axe-core) and shot as
/// supervisor-walk-{step}.png / kiosk-walk-{language}-{width}-{step}.png.
/// </summary>
public sealed class SupervisorWalkTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };

    static SupervisorWalkTests() => Assertions.SetDefaultExpectTimeout(60_000);

    [Fact]
    public async Task A_french_supervisor_reads_a_real_day_in_the_statistics_and_hands_a_resident_on_to_a_colleague()
    {
        var findings = new List<string>();
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        var desk = await TestDesks.CreateAsync(adminParty, $"lead-{Guid.NewGuid():N}"[..13], closedToday: false);
        var (colleagueName, colleaguePassword) = await TestDesks.AddStaffAsync(adminParty, desk.DepartmentKey, "clerk", desk.ConcernKey);
        var (leadName, leadPassword) = await TestDesks.AddStaffAsync(adminParty, desk.DepartmentKey, "supervisor", desk.ConcernKey);

        // Resident A (French, phone) is served by the desk's clerk and rates it 4.
        var clerk = await SignedInAsync(Laptop, "fr-CH", "fr", desk.ClerkUserName, desk.ClerkPassword);
        var waits = new List<(TimeSpan Min, TimeSpan Max)>();
        var drawnA = DateTimeOffset.UtcNow;
        var ticketA = await ConsultationTickets.TakeAsync("Louise Martin", desk.ConcernKey, null, desk.DepartmentKey, "fr");
        var afterA = DateTimeOffset.UtcNow;
        await using var residentAParty = await browser.NewPartyAsync(Browser.Phone, "fr-CH");
        await residentAParty.AddInitScriptAsync("localStorage.setItem('lang', 'fr')");
        var residentA = await residentAParty.NewPageAsync();
        await residentA.GotoAsync($"/room.html#t={ticketA.Token}");
        var acceptingA = DateTimeOffset.UtcNow;
        await clerk.Page.GotoAsync($"/agent/room.html?ticket={ticketA.TicketId}");
        await Assertions.Expect(clerk.Page.Locator("#resident-name")).ToHaveTextAsync("Louise Martin");
        waits.Add((acceptingA - afterA, DateTimeOffset.UtcNow - drawnA));
        await residentA.Locator("#chat-text").FillAsync("Bonjour");
        await residentA.Locator("#chat-text").PressAsync("Enter");
        await Assertions.Expect(clerk.Page.Locator("#transcript li:not(.system)").Last).ToContainTextAsync("Bonjour");
        clerk.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await clerk.Page.Locator("#end").ClickAsync();
        await RateAsync(residentA, 4);

        // Resident C draws a ticket and is left waiting; an appointment is booked for the desk.
        await ConsultationTickets.TakeAsync("Marco Attesa", desk.ConcernKey, null, desk.DepartmentKey, "it");
        var slots = (await (await residentAParty.APIRequest.GetAsync(
            $"/api/booking/concerns/{desk.ConcernKey}/slots?from={DateTime.UtcNow:yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(6):yyyy-MM-dd}")).JsonAsync())!.Value;
        var slot = slots.GetProperty("slots")[slots.GetProperty("slots").GetArrayLength() - 1].GetProperty("start").GetString()!;
        var booked = await residentAParty.APIRequest.PostAsync("/api/booking/appointments", new()
        {
            DataObject = new { concernKey = desk.ConcernKey, start = slot, name = "Claire Rendez-vous", email = Mailbox.UniqueAddress(), language = "fr" },
        });
        Assert.True(booked.Ok, $"booking: {booked.Status} {await booked.TextAsync()}");

        // Resident B (Italian, phone): the supervisor takes her and hands her on to the colleague on duty.
        var colleague = await SignedInAsync(Laptop, "it-CH", "it", colleagueName, colleaguePassword);
        await colleague.Page.GotoAsync("/agent/queue.html");
        var lead = await SignedInAsync(Laptop, "fr-CH", "fr", leadName, leadPassword);
        var drawnB = DateTimeOffset.UtcNow;
        var ticketB = await ConsultationTickets.TakeAsync("Giulia Bernasconi", desk.ConcernKey, null, desk.DepartmentKey, "it");
        var afterB = DateTimeOffset.UtcNow;
        await using var residentBParty = await browser.NewPartyAsync(Browser.Phone, "it-CH");
        await residentBParty.AddInitScriptAsync("localStorage.setItem('lang', 'it')");
        var residentB = await residentBParty.NewPageAsync();
        await residentB.GotoAsync($"/room.html#t={ticketB.Token}");
        var acceptingB = DateTimeOffset.UtcNow;
        await lead.Page.GotoAsync($"/agent/room.html?ticket={ticketB.TicketId}");
        await Assertions.Expect(lead.Page.Locator("#resident-name")).ToHaveTextAsync("Giulia Bernasconi");
        waits.Add((acceptingB - afterB, DateTimeOffset.UtcNow - drawnB));
        await Assertions.Expect(residentB.Locator("#status")).ToContainTextAsync("Sam Lead");
        await LookAsync(lead.Page, "fr", "supervisor-walk-1-room", findings);
        var choice = lead.Page.Locator("#transfer-colleague");
        // The colleague on duty is offered (her queue page reports her every 15 s).
        var offered = choice.Locator("option", new() { HasText = colleagueName[^6..] });
        await Assertions.Expect(offered).ToHaveCountAsync(1);
        await choice.SelectOptionAsync((await offered.GetAttributeAsync("value"))!);
        await lead.Page.Locator("#transfer-colleague-submit").ClickAsync();
        await Assertions.Expect(lead.Page.Locator("#status")).ToContainTextAsync("transféré");
        await LookAsync(lead.Page, "fr", "supervisor-walk-2-handed-on", findings);
        // The resident is told, in Italian, that she is being handed on to a colleague who is coming.
        await Assertions.Expect(residentB.Locator("#status")).ToHaveTextAsync(await T(residentB, "room.handedOn"));
        await LookAsync(residentB, "it", "supervisor-walk-3-resident-handed-on", findings);
        var told = await residentB.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Sam Lead", await residentB.Locator("#status").InnerTextAsync());

        // The colleague is told on her page and takes the resident.
        var take = colleague.Page.Locator("#handed-over a");
        await Assertions.Expect(take).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await LookAsync(colleague.Page, "it", "supervisor-walk-4-colleague-told", findings);
        await take.ClickAsync();
        await Assertions.Expect(colleague.Page.Locator("#resident-name")).ToHaveTextAsync("Giulia Bernasconi");
        await Assertions.Expect(residentB.Locator("#status")).ToContainTextAsync("Tina Test");
        await LookAsync(residentB, "it", "supervisor-walk-5-resident-with-colleague", findings);
        colleague.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await colleague.Page.Locator("#end").ClickAsync();
        await RateAsync(residentB, 5);

        // The statistics of the day, in French, by day, for her desk: what happened, and only that.
        var today = await lead.Page.EvaluateAsync<string>("async () => (await import('/shared/dates.js')).cityToday()");
        var last = DateOnly.Parse(today).AddDays(7).ToString("yyyy-MM-dd");
        var consultations = lead.Page.Locator("#summary div", new() { HasText = "Entretiens" }).Locator("dd");
        await Poll.UntilAsync(async () =>
        {
            await lead.Page.GotoAsync($"/agent/stats.html?from={today}&to={last}&department={desk.DepartmentKey}");
            await Assertions.Expect(lead.Page.Locator("#status")).ToContainTextAsync("chargées");
            return await consultations.TextContentAsync() == "2"
                && await lead.Page.Locator("#summary div", new() { HasText = "Évaluation" }).Locator("dd").TextContentAsync() != "–";
        }, TimeSpan.FromSeconds(60), "Booking did not count the day's two consultations and ratings.");
        var stats = (await (await lead.Party.APIRequest.GetAsync($"/api/booking/statistics?from={today}&to={last}&department={desk.DepartmentKey}")).JsonAsync())!.Value;
        var total = stats.GetProperty("total");
        Assert.Equal(2, total.GetProperty("consultations").GetInt32());
        Assert.Equal(3, total.GetProperty("tickets").GetInt32()); // A, B and C, who waits
        Assert.Equal(1, total.GetProperty("appointments").GetInt32());
        Assert.Equal(0, total.GetProperty("noShows").GetProperty("total").GetInt32());
        Assert.Equal(4.5, total.GetProperty("feedback").GetProperty("mean").GetDouble());
        var meanWait = total.GetProperty("waiting").GetProperty("meanSeconds").GetDouble();
        // (Each wait runs from the room's creation, a moment after the ticket, to the accept: a few seconds' slack below.)
        var (low, high) = (waits.Average(w => Math.Max(0, w.Min.TotalSeconds - 5)), waits.Average(w => w.Max.TotalSeconds));
        Assert.True(meanWait >= low && meanWait <= high, $"mean wait {meanWait} s, the walk saw between {low:F0} and {high:F0} s");
        // In French: a decimal comma, "4,5 / 5", the day's tickets and appointment in the table.
        await Assertions.Expect(lead.Page.Locator("#summary div", new() { HasText = "Évaluation" }).Locator("dd")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^4,5"));
        var todayRow = lead.Page.Locator("#periods tbody tr").First;
        // (The row's first cell is its header: consultations are td 0, appointments td 5, tickets td 6.)
        await Assertions.Expect(todayRow.Locator("td").Nth(0)).ToHaveTextAsync("2");
        await Assertions.Expect(todayRow.Locator("td").Nth(5)).ToHaveTextAsync("0"); // the appointment is on its own day
        await Assertions.Expect(todayRow.Locator("td").Nth(6)).ToHaveTextAsync("3");
        await Assertions.Expect(lead.Page.Locator("#concerns tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(lead.Page.Locator("#concerns tbody tr td")).ToHaveTextAsync(["2", "1", "3"]);
        await LookAsync(lead.Page, "fr", "supervisor-walk-6-stats", findings);
        findings.AddRange((await lead.Page.EvaluateAsync<string[]>(FrenchFigures)).Select(f => $"stats: {f}"));
        // Charts are images with a name; the tables that scroll are reached by keyboard, each with its caption.
        foreach (var svg in await lead.Page.Locator("svg[role=img]").AllAsync())
            Assert.False(string.IsNullOrWhiteSpace(await svg.EvaluateAsync<string>("s => s.querySelector('title')?.textContent")), "a chart without a name");
        await lead.Page.Locator("#range button[type=submit]").FocusAsync();
        var reached = new HashSet<string>();
        for (var i = 0; i < 30; i++)
        {
            await lead.Page.Keyboard.PressAsync("Tab");
            reached.Add(await lead.Page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-labelledby') || document.activeElement.id || document.activeElement.tagName"));
        }
        Assert.Contains("periods-title", reached);
        Assert.Contains("concerns-title", reached);
        foreach (var table in await lead.Page.Locator("#results table").AllAsync())
            Assert.False(string.IsNullOrWhiteSpace(await table.EvaluateAsync<string>("t => t.caption?.textContent")), "a table without a caption");
        // By week, the same day.
        await lead.Page.Locator("input[name=by][value=weeks]").CheckAsync();
        await LookAsync(lead.Page, "fr", "supervisor-walk-7-stats-weeks", findings);
        findings.AddRange((await lead.Page.EvaluateAsync<string[]>(FrenchFigures)).Select(f => $"stats by week: {f}"));

        // The audit page: a supervisor reads her departments' entries.
        await lead.Page.GotoAsync("/agent/audit.html");
        await Assertions.Expect(lead.Page.Locator("#count")).Not.ToBeEmptyAsync();
        await LookAsync(lead.Page, "fr", "supervisor-walk-8-audit", findings);

        Assert.True(findings.Count == 0, $"{findings.Count} findings:\n{string.Join("\n", findings)}\nThe resident read: {told}");
    }

    /// <summary>
    /// A French-speaking supervisor steps into a colleague's consultation from her queue page: she joins it (the resident,
    /// French on a phone, and the German-speaking clerk each read her coming in their language), takes it over (the
    /// clerk's page says by whom, the resident reads that the consultation is handed on and then who took it, never that
    /// the clerk "left the room"), and hands it on to a colleague of the department: the resident reads that a colleague
    /// is coming, and then who came. Shot as step-in-{step}.png.
    /// </summary>
    [Fact]
    public async Task A_supervisor_joins_a_colleagues_consultation_takes_it_over_and_hands_it_on_and_the_resident_reads_each_step()
    {
        var findings = new List<string>();
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        var desk = await TestDesks.CreateAsync(adminParty, $"step-{Guid.NewGuid():N}"[..13], closedToday: false);
        var (colleagueName, colleaguePassword) = await TestDesks.AddStaffAsync(adminParty, desk.DepartmentKey, "clerk", desk.ConcernKey);
        var (leadName, leadPassword) = await TestDesks.AddStaffAsync(adminParty, desk.DepartmentKey, "supervisor", desk.ConcernKey);
        var (clerkShown, colleagueShown, leadShown) = ($"Tina Test {desk.ClerkUserName[^6..]}", $"Tina Test {colleagueName[^6..]}", $"Sam Lead {leadName[^6..]}");

        // Amélie (French, phone) is served by the desk's German-speaking clerk.
        var clerk = await SignedInAsync(Laptop, "de-CH", "de", desk.ClerkUserName, desk.ClerkPassword);
        clerk.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var ticket = await ConsultationTickets.TakeAsync("Amélie Dubois", desk.ConcernKey, null, desk.DepartmentKey, "fr");
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone, "fr-CH");
        await residentParty.AddInitScriptAsync("localStorage.setItem('lang', 'fr')");
        var resident = await residentParty.NewPageAsync();
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await clerk.Page.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(clerk.Page.Locator("#resident-name")).ToHaveTextAsync("Amélie Dubois");
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync(clerkShown);
        await resident.Locator("#chat-text").FillAsync("Bonjour, je déménage à Winterthour.");
        await resident.Locator("#chat-text").PressAsync("Enter");
        await Assertions.Expect(clerk.Page.Locator("#transcript li:not(.system)").Last).ToContainTextAsync("je déménage");

        // The supervisor sees the running consultation on her queue page and joins it.
        var lead = await SignedInAsync(Laptop, "fr-CH", "fr", leadName, leadPassword);
        lead.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await lead.Page.GotoAsync("/agent/queue.html");
        var join = lead.Page.Locator("#running-rows a[data-action=join]");
        await Assertions.Expect(join).ToHaveCountAsync(1);
        await Assertions.Expect(lead.Page.Locator("#running-rows tr")).ToContainTextAsync(clerkShown);
        await LookAsync(lead.Page, "fr", "step-in-1-running", findings);
        await join.ClickAsync();
        // The room page's own texts are asked for once it says the line (asked on the queue page, or while the room
        // page loads, the text is not registered yet and comes back as its key).
        await Assertions.Expect(lead.Page.Locator("#status[data-i18n-said='aroom.supervising']")).ToHaveCountAsync(1);
        await Assertions.Expect(lead.Page.Locator("#status")).ToHaveTextAsync(await T(lead.Page, "aroom.supervising", new { name = "Amélie Dubois", clerk = clerkShown }));
        await Assertions.Expect(lead.Page.Locator("#transcript li:not(.system)")).ToContainTextAsync(["je déménage"]);
        await Assertions.Expect(resident.Locator("#transcript li.system").Last).ToHaveTextAsync($"{leadShown}, responsable d’équipe, a rejoint l’entretien.");
        await Assertions.Expect(clerk.Page.Locator("#transcript li.system").Last).ToHaveTextAsync($"{leadShown}, Teamleitung, ist dem Gespräch beigetreten.");
        // She reads and writes along; the call, the case's panels and the clerk's actions stay the clerk's.
        foreach (var held in new[] { "#call", "#end", "#identity-panel", "#form-panel", "#colleague-form" })
            await Assertions.Expect(lead.Page.Locator(held)).ToBeHiddenAsync();
        await lead.Page.Locator("#chat-text").FillAsync("Bonjour, je lis avec vous.");
        await lead.Page.Locator("#chat-text").PressAsync("Enter");
        await Assertions.Expect(resident.Locator("#transcript li:not(.system)").Last).ToContainTextAsync("je lis avec vous");
        await LookAsync(lead.Page, "fr", "step-in-2-joined", findings);
        await LookAsync(resident, "fr", "step-in-3-resident-sees-her-join", findings);
        await LookAsync(clerk.Page, "de", "step-in-4-clerk-sees-her-join", findings);

        // She takes it over: the clerk's page says by whom; the resident reads the hand-on, then who has it now.
        await lead.Page.Locator("#take-over").ClickAsync();
        await Assertions.Expect(clerk.Page.Locator("#status")).ToHaveTextAsync($"{leadShown} (Teamleitung) hat die Beratung übernommen.");
        await Assertions.Expect(clerk.Page.Locator("#room")).ToBeHiddenAsync();
        await Assertions.Expect(lead.Page.Locator("#end")).ToBeVisibleAsync();
        await Assertions.Expect(lead.Page.Locator("#status")).ToHaveTextAsync(await T(lead.Page, "aroom.active", new { name = "Amélie Dubois" }));
        await Assertions.Expect(resident.Locator("#status")).ToHaveTextAsync(await T(resident, "room.takenOver", new { name = leadShown }));
        var transcript = resident.Locator("#transcript");
        await Assertions.Expect(transcript).ToContainTextAsync($"{clerkShown} a transmis l’entretien à un·e collègue.");
        await Assertions.Expect(transcript).ToContainTextAsync($"{leadShown} a repris l’entretien.");
        await LookAsync(clerk.Page, "de", "step-in-5-clerk-told", findings);
        await LookAsync(resident, "fr", "step-in-6-resident-taken-over", findings);

        // She hands it on to a colleague on duty: the resident reads that a colleague is coming, then who came.
        var colleague = await SignedInAsync(Laptop, "it-CH", "it", colleagueName, colleaguePassword);
        await colleague.Page.GotoAsync("/agent/queue.html");
        var offered = lead.Page.Locator("#transfer-colleague option", new() { HasText = colleagueName[^6..] });
        await Assertions.Expect(offered).ToHaveCountAsync(1);
        await lead.Page.Locator("#transfer-colleague").SelectOptionAsync((await offered.GetAttributeAsync("value"))!);
        await lead.Page.Locator("#transfer-colleague-submit").ClickAsync();
        await Assertions.Expect(resident.Locator("#status")).ToHaveTextAsync(await T(resident, "room.handedOn"));
        await Assertions.Expect(transcript).ToContainTextAsync($"{leadShown} a transmis l’entretien à un·e collègue.");
        await LookAsync(resident, "fr", "step-in-7-resident-handed-on", findings);
        var take = colleague.Page.Locator("#handed-over a");
        await Assertions.Expect(take).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await take.ClickAsync();
        await Assertions.Expect(colleague.Page.Locator("#resident-name")).ToHaveTextAsync("Amélie Dubois");
        await Assertions.Expect(resident.Locator("#status")).ToHaveTextAsync(await T(resident, "room.takenOver", new { name = colleagueShown }));
        // The chat went along the whole way, and nobody "left the room" on the resident's side.
        await Assertions.Expect(colleague.Page.Locator("#transcript li:not(.system)")).ToContainTextAsync(["je déménage", "je lis avec vous"]);
        Assert.DoesNotContain("a quitté la salle", await transcript.InnerTextAsync(), StringComparison.Ordinal);
        await LookAsync(resident, "fr", "step-in-8-resident-with-colleague", findings);
        colleague.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await colleague.Page.Locator("#end").ClickAsync();
        await Assertions.Expect(resident).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/feedback\.html#t="));

        Assert.True(findings.Count == 0, $"{findings.Count} findings:\n{string.Join("\n", findings)}");
    }

    [Theory]
    [InlineData("it", 1024, 768)]
    [InlineData("fr", 768, 1024)]
    public async Task A_resident_drops_two_pages_at_the_kiosk_and_an_italian_clerk_processes_them(string language, int width, int height)
    {
        var findings = new List<string>();
        var shot = $"kiosk-walk-{language}-{width}";
        // The town hall's kiosk speaks the city's language (its browser is set to German); the resident picks hers on the
        // menu: the Italian one at once, the French one only once she has chosen her concern.
        await using var kiosk = await browser.NewPartyAsync(new ViewportSize { Width = width, Height = height }, "de-CH");
        var page = await kiosk.NewPageAsync();
        await KioskDevices.EnrolAsync(browser, page, $"Atrio {language} {width}", "?idle=120");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        if (language == "it") await ChooseLanguageAsync(page, language);
        var concern = page.Locator("[data-concern='dog-registration']");
        if (language == "it") await LookAsync(page, language, $"{shot}-1-concerns", findings);
        await concern.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#pages-title")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#camera-status")).Not.ToBeEmptyAsync();
        // The button that takes the page stands on the screen beside the camera's picture, not below the fold (on a
        // tablet held across the picture pushed it 90 px under the screen's edge).
        var captureBox = (await page.Locator("#capture").BoundingBoxAsync())!;
        Assert.True(captureBox.Y + captureBox.Height <= height, $"the capture button ends at {captureBox.Y + captureBox.Height:F0} px of a {height} px screen");
        if (language != "it")
        {
            await ChooseLanguageAsync(page, language);
            // What was said before the choice is said again in French: the concern chosen, the camera's line.
            var name = await concern.TextContentAsync();
            await Assertions.Expect(page.Locator("#concern-chosen")).ToHaveTextAsync(await T(page, "kiosk.chosen", new { name }));
            await Assertions.Expect(page.Locator("#camera-status")).ToHaveTextAsync(await T(page, "kiosk.cameraReady"));
        }
        for (var n = 1; n <= 2; n++)
        {
            await Assertions.Expect(page.Locator("#capture")).ToBeEnabledAsync();
            await page.WaitForFunctionAsync("() => document.getElementById('preview').videoWidth > 0");
            await page.Locator("#capture").ClickAsync();
            await Assertions.Expect(page.Locator("#thumbs li")).ToHaveCountAsync(n);
        }
        await Assertions.Expect(page.Locator("#page-count")).ToHaveTextAsync(await T(page, "kiosk.pageCount", new { count = 2 }));
        await LookAsync(page, language, $"{shot}-2-pages", findings);
        await page.Locator("#to-review").ClickAsync();
        await Assertions.Expect(page.Locator("#review img")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#review-title")).ToBeFocusedAsync();
        await LookAsync(page, language, $"{shot}-3-review", findings);
        await page.Locator("#step-review [data-go='contact']").ClickAsync();
        var note = $"Cane {Guid.NewGuid():N}";
        var email = Mailbox.UniqueAddress();
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#note").FillAsync(note);
        await LookAsync(page, language, $"{shot}-4-contact", findings);
        await page.Locator("#send").ClickAsync();
        var receipt = page.Locator("#receipt");
        await Assertions.Expect(receipt).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^K-\d{4}-\d{6}$"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#receipt-title")).ToBeFocusedAsync();
        // Who handles it, by its name in the language (the residents' office, "Einwohneramt" in German).
        await Assertions.Expect(page.Locator("#receipt-department")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#receipt-department")).Not.ToContainTextAsync("Einwohneramt");
        await LookAsync(page, language, $"{shot}-5-receipt", findings);
        var number = await receipt.TextContentAsync();
        var mail = Assert.Single(await Mailbox.WaitForAsync(email, timeout: TimeSpan.FromSeconds(60)));
        findings.AddRange(GermanInMail(mail.Subject + "\n" + mail.TextBody).Select(w => $"receipt mail in {language}: German '{w}'"));
        await page.Locator("#finish").ClickAsync();
        await Assertions.Expect(page.Locator("#step-concern")).ToBeVisibleAsync();

        // The residents' office's Italian clerk finds the two pages as one PDF, assigns them and marks them processed.
        var clerk = await SignedInAsync(Laptop, "it-CH", "it", "clerk.residents", "Schalter-2026!");
        await clerk.Page.GotoAsync("/agent/inbox.html");
        var row = clerk.Page.Locator("tr", new() { HasText = note });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync($"{number}.pdf");
        await LookAsync(clerk.Page, "it", $"{shot}-6-inbox", findings);
        await row.Locator("[data-action=assign]").FocusAsync();
        await clerk.Page.Keyboard.PressAsync("Enter");
        var processed = row.Locator("[data-action=processed]");
        await Assertions.Expect(processed).ToBeFocusedAsync();
        await Assertions.Expect(clerk.Page.Locator("#inbox-status")).ToContainTextAsync($"{number}.pdf");
        await LookAsync(clerk.Page, "it", $"{shot}-7-inbox-assigned", findings);
        await clerk.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(clerk.Page.Locator("#inbox-status")).ToContainTextAsync(await T(clerk.Page, "inbox.processedDone", new { name = $"{number}.pdf" }));
        await Assertions.Expect(clerk.Page.Locator("tr", new() { HasText = note })).ToHaveCountAsync(0);
        await clerk.Page.Locator("#open-only").UncheckAsync();
        await Assertions.Expect(clerk.Page.Locator("tr", new() { HasText = note })).ToBeVisibleAsync();
        await LookAsync(clerk.Page, "it", $"{shot}-8-inbox-processed", findings);
        await clerk.Party.DisposeAsync();

        Assert.True(findings.Count == 0, $"{findings.Count} findings in {language} at {width}×{height}:\n{string.Join("\n", findings)}");
    }

    private sealed record Staff(IBrowserContext Party, IPage Page);

    private async Task<Staff> SignedInAsync(ViewportSize viewport, string locale, string language, string userName, string password)
    {
        var party = await browser.NewPartyAsync(viewport, locale);
        await party.AddInitScriptAsync($"localStorage.setItem('lang', '{language}')");
        var login = await party.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName, password } });
        Assert.True(login.Ok, $"{userName}: {login.Status} {await login.TextAsync()}");
        return new Staff(party, await party.NewPageAsync());
    }

    private static async Task ChooseLanguageAsync(IPage page, string language)
    {
        await page.Locator("#lang").SelectOptionAsync(language);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }

    private static async Task RateAsync(IPage resident, int score)
    {
        await Assertions.Expect(resident).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/feedback\.html#t="));
        await resident.Locator($"input[name=score][value='{score}']").CheckAsync();
        await resident.Locator("#feedback-form button[type=submit]").ClickAsync();
        await Assertions.Expect(resident.Locator("#result")).Not.ToBeEmptyAsync();
    }

    private static Task<string> T(IPage page, string key, object? values = null) =>
        page.EvaluateAsync<string>("async ([key, values]) => (await import('/shared/i18n.js')).t(key, values ?? {})", new object?[] { key, values });

    private static IEnumerable<string> GermanInMail(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\b(Ihre?|Quittung|Seiten?|erhalten|Dokumente?|geprüft|Bitte|und|Sie)\b").Select(m => m.Value).Distinct();

    /// <summary>The walk's look; German words are sought on the pages of the other languages only.</summary>
    private static Task LookAsync(IPage page, string language, string step, List<string> findings) => language == "de"
        ? WalkLook.AtAsync(page, language, step, step, findings)
        : WalkLook.AtAsync(page, language, step, step, findings, StaffWalkTests.ClerkGerman);

    /// <summary>Figures a French reader would not write: a decimal point, a German weekday, a fraction of a minute for seconds.</summary>
    private const string FrenchFigures = """
        () => {
          const findings = [];
          const text = document.querySelector('main').innerText;
          // A figure with a unit or out of five ("2.1 min", "4.5 / 5"); a Swiss date ("07.12", "07.12.2026") is no decimal.
          for (const m of text.matchAll(/(?<![\d.])\d+\.\d+(?![\d.])(?=\s?(min|s|%|\/))/g)) findings.push(`decimal point: ${m[0]}`);
          for (const m of text.matchAll(/\b(Mo|Di|Mi|Do|Fr|Sa|So)\.\s/g)) findings.push(`German weekday: ${m[0]}`);
          for (const m of text.matchAll(/\b0,\d min\b/g)) findings.push(`seconds as a fraction of a minute: ${m[0]}`);
          return [...new Set(findings)];
        }
        """;
}
