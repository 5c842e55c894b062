using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Booking;
using Municipal.EndToEnd.Tests.Forms;
using Municipal.EndToEnd.Tests.Languages;
using Municipal.EndToEnd.Tests.Staff;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// "Talk to us now" walked as a resident on a phone (390×844, touch) in French, Italian and Leichte Sprache: the start
/// page in their language, a concern chosen there, the live queue joined, the waiting card, called, the room, the chat,
/// video asked for by the clerk and accepted, the phone turned across mid-call (844×390), the form the clerk fills with
/// them, signed with a finger, a photo of a document from the phone, the end page and the mails. The clerk sits at a
/// desktop in another language and uses the keyboard alone (Tab, Enter). Also a resident who leaves the queue by
/// themselves. At every stop: <see cref="WalkLook"/> (language, raw keys, German words, overflow, axe-core), buttons of
/// 44 px and nothing cut (<see cref="StaffPhoneWalkTests.PhoneChecks"/>), French no-break spaces, the focus kept
/// where the page changes and visible where the keyboard put it. Screenshots as live-queue-{language}-{step}.png.
/// </summary>
public sealed partial class LiveQueuePhoneWalkTests(Browser browser) : IClassFixture<Browser>
{
    static LiveQueuePhoneWalkTests() => Assertions.SetDefaultExpectTimeout(60_000);

    [Theory]
    [InlineData("fr", "fr-CH", "it")]
    [InlineData("it", "it-CH", "en")]
    [InlineData("de-x-ls", "de-CH", "fr")]
    public async Task A_resident_on_a_phone_talks_to_us_now_from_the_start_page_to_the_mail(string language, string locale, string clerkLanguage)
    {
        var findings = new List<string>();
        var email = Mailbox.UniqueAddress();
        var name = $"Chiara Muster {Random.Shared.Next(100, 999)}";
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        var desk = await TestDesks.CreateAsync(adminParty, $"lq-{language}-{Guid.NewGuid():N}"[..18], closedToday: false);
        await NameInEveryLanguageAsync(adminParty, desk);

        // The clerk is at the counter: her queue page is open (it tells booking she is there).
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop, PhoneRoom.Locales[clerkLanguage]);
        await clerkParty.AddInitScriptAsync($"localStorage.setItem('lang', '{clerkLanguage}')");
        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = desk.ClerkUserName, password = desk.ClerkPassword } })).Ok);
        var clerk = await clerkParty.NewPageAsync();
        clerk.Dialog += (_, dialog) => dialog.AcceptAsync();
        await clerk.GotoAsync("/agent/queue.html");
        await Assertions.Expect(clerk.Locator("#next")).ToBeEnabledAsync();

        // The start page, in the phone's language (Leichte Sprache chosen on the switch by its name).
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone, locale);
        var resident = await residentParty.NewPageAsync();
        var dialogs = new List<string>();
        resident.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); dialog.AcceptAsync(); };
        await resident.GotoAsync("/");
        if (language == "de-x-ls") await resident.Locator("#lang").SelectOptionAsync(new SelectOptionValue { Label = "Leichte Sprache" });
        await Assertions.Expect(resident.Locator("html")).ToHaveAttributeAsync("lang", language);
        var card = resident.Locator($"article[data-concern='{desk.ConcernKey}']");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator(".unattended")).ToHaveCountAsync(0);
        await LookAsync(resident, language, "01-start", findings);
        await card.ScrollIntoViewIfNeededAsync();
        await PhoneRoom.ShotAsync(resident, $"live-queue-{language}-01-start-card");

        // The concern chosen on its card; the queue's form has it chosen.
        await card.Locator("a.big-red").TapAsync();
        await Assertions.Expect(resident.Locator("#join")).ToBeVisibleAsync();
        await Assertions.Expect(resident.Locator("#concern")).ToHaveValueAsync(desk.ConcernKey);
        await resident.Locator("#name").FillAsync(name);
        await resident.Locator("#email").FillAsync(email);
        await LookAsync(resident, language, "02-join", findings);
        await resident.Locator("#join-submit").TapAsync();

        // Waiting: first in line, "you are next"; the focus stays on what the page now shows, not lost to the page.
        await Assertions.Expect(resident.Locator("#waiting")).ToBeVisibleAsync();
        await Assertions.Expect(resident.Locator("#position")).ToHaveTextAsync("1");
        await Assertions.Expect(resident.Locator("#estimate")).ToHaveTextAsync(await T(resident, "queue.next"));
        await Assertions.Expect(resident.Locator("#ticket-concern")).ToHaveTextAsync(await T(resident, "queue.for", new { name = ConcernNames[language] }));
        await FocusKeptAsync(resident, "waiting", findings);
        var leave = await T(resident, "queue.leave");
        // The card's first line starts at its padding (a paragraph's margin made a blank band above it until 2026-12-07).
        var band = await resident.EvaluateAsync<double>("() => { const card = document.getElementById('waiting'); const first = card.firstElementChild; return first.getBoundingClientRect().top - card.getBoundingClientRect().top - parseFloat(getComputedStyle(card).paddingTop) - parseFloat(getComputedStyle(card).borderTopWidth); }");
        if (band > 1) findings.Add($"waiting: a blank band of {band:F0} px above the card's first line");
        await LookAsync(resident, language, "03-waiting", findings);

        // The clerk takes the resident by keyboard.
        await Assertions.Expect(clerk.Locator("#rows")).ToContainTextAsync(name);
        await LookAsync(clerk, language, clerkLanguage, "04-queue-clerk", findings);
        await TabToAsync(clerk, "#next", findings);
        await clerk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(clerk).ToHaveURLAsync(new Regex(@"/agent/room\.html\?ticket="));

        // Called: the call has the focus, in the resident's language.
        await Assertions.Expect(resident.Locator("#called")).ToBeVisibleAsync();
        await Assertions.Expect(resident.Locator("#room-link")).ToBeFocusedAsync();
        await LookAsync(resident, language, "05-called", findings);
        await resident.Locator("#room-link").TapAsync();
        await Assertions.Expect(resident.Locator("#room")).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator("#resident-name")).ToHaveTextAsync(name);
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync((await T(resident, "room.with", new { name = "" })).TrimEnd('.', ' ', '\u00a0'));
        await LookAsync(resident, language, "06-room", findings);
        await LookAsync(clerk, language, clerkLanguage, "06-room-clerk", findings);

        // A line each way: the clerk types and sends by keyboard, the resident answers on the phone.
        await TabToAsync(clerk, "#chat-text", findings);
        await clerk.Keyboard.TypeAsync("Buongiorno, bonjour !");
        await TabToAsync(clerk, "#chat-form button[type=submit]", findings);
        await clerk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(resident.Locator("#transcript li:not(.system)").Last).ToContainTextAsync("Buongiorno, bonjour");
        await resident.Locator("#chat-text").FillAsync(Message[language]);
        await resident.Locator("#chat-form button[type=submit]").TapAsync();
        await Assertions.Expect(clerk.Locator("#transcript li:not(.system)").Last).ToContainTextAsync(Message[language]);
        await LookAsync(resident, language, "07-chat", findings);

        // Video: the clerk asks by keyboard; the question is said to the resident, who accepts with a tap.
        await TabToAsync(clerk, "#start-video", findings);
        await clerk.Keyboard.PressAsync("Enter");
        var accept = resident.Locator("#accept-video");
        await Assertions.Expect(accept).ToBeVisibleAsync();
        // The question is read: the answer, described by it, has the focus (or, while typing, a live region says it).
        Assert.True(await resident.EvaluateAsync<bool>("() => document.activeElement.id === 'accept-video' || !!document.getElementById('call-question-said').textContent"),
            "the clerk's question is neither focused nor said");
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await LookAsync(resident, language, "08-video-asked", findings);
        await accept.TapAsync();
        await clerk.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });
        await resident.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });
        // The resident shares nothing (a real phone's browser cannot share its screen; the emulated one offers it).
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await LookAsync(resident, language, "09-call", findings);
        await LookAsync(clerk, language, clerkLanguage, "09-call-clerk", findings);

        // The phone turned across mid-call: the clerk's picture and the call's buttons fit the low screen together.
        await resident.SetViewportSizeAsync(844, 390);
        await resident.WaitForTimeoutAsync(500);
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await PhoneRoom.ShotAsync(resident, $"live-queue-{language}-10-landscape-screen");
        await LookAsync(resident, language, "10-landscape", findings, CallFitsTheScreen);
        await resident.SetViewportSizeAsync(Browser.Phone.Width, Browser.Phone.Height);

        // The form: the clerk opens it and writes what was agreed; the resident completes it and signs with a finger.
        await TabToAsync(clerk, "#form-panel-body button", findings);
        await clerk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(FormPage.Field(clerk, "agreed")).ToBeVisibleAsync();
        await Assertions.Expect(FormPage.Field(resident, "agreed")).ToBeVisibleAsync();
        await TabToAsync(clerk, "#f-agreed", findings);
        await clerk.Keyboard.TypeAsync("Attestation / attestazione");
        await Assertions.Expect(FormPage.Field(resident, "agreed")).ToHaveValueAsync("Attestation / attestazione");
        // The clerk passed the other fields on her way by Tab: the resident's page marks only the one she writes in.
        await MarkedAsync(resident, "11-form", ["f-agreed"], findings);
        await FormPage.Field(resident, "applicant.dateOfBirth").FillAsync("1983-08-12");
        await FormPage.Field(resident, "email").FillAsync(email);
        await FormPage.Field(resident, "confirmed").TapAsync();
        await SignWithAFingerAsync(resident);
        await LookAsync(resident, language, "11-form-signed", findings);
        // Tapped at once: a tap right after a quick stroke was lost (Chromium's fling after the stroke, SigningTests).
        await resident.Locator(".cf-submit").TapAsync();
        await Assertions.Expect(resident.Locator(".cf-done")).ToContainTextAsync(Reference());
        var reference = Reference().Match(await resident.Locator(".cf-done").InnerTextAsync()).Value;
        await Assertions.Expect(clerk.Locator("#form-panel-body")).ToContainTextAsync(reference);
        // Submitted, the form is read only: nobody writes in it any more.
        await MarkedAsync(resident, "12-form-sent", [], findings);
        await LookAsync(resident, language, "12-form-sent", findings);

        // A photo of a document, taken with the phone.
        var photo = Convert.FromBase64String((await resident.EvaluateAsync<string>(Photo)).Split(',')[1]);
        var documents = resident.Locator("#documents-panel");
        await documents.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "IMG_2041.jpg", MimeType = "image/jpeg", Buffer = photo });
        await documents.Locator("button[type=submit]").TapAsync();
        await Assertions.Expect(documents.Locator(".doc-item", new() { HasText = "IMG_2041.jpg" })).ToBeVisibleAsync();
        await LookAsync(resident, language, "13-photo-sent", findings);
        await Assertions.Expect(clerk.Locator("#documents-panel-body")).ToContainTextAsync("IMG_2041.jpg");

        // The clerk ends the consultation by keyboard; the resident reads the end page.
        await TabToAsync(clerk, "#end", findings);
        await clerk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(resident).ToHaveURLAsync(new Regex(@"/feedback\.html#t="));
        await Assertions.Expect(resident.Locator("#ended")).ToBeVisibleAsync();
        await Assertions.Expect(resident.Locator("#dossiers")).ToContainTextAsync(reference);
        await LookAsync(resident, language, "14-end", findings);

        // The mails: the queue's link and the form's receipt, in the resident's language.
        var mails = await Mailbox.WaitForAsync(email, 2, TimeSpan.FromSeconds(90));
        for (var i = 0; i < mails.Count; i++)
        {
            var text = $"{mails[i].Subject}\n\n{mails[i].TextBody}";
            Directory.CreateDirectory(Browser.ScreenshotDirectory);
            await File.WriteAllTextAsync(Path.Combine(Browser.ScreenshotDirectory, $"live-queue-{language}-15-mail-{i + 1}.txt"), text);
            findings.AddRange(MailFindings(language, text).Select(f => $"mail {i + 1} \"{mails[i].Subject}\": {f}"));
            // Leichte Sprache's queue mail names the button to leave by: the one the resident's page shows.
            if (language == "de-x-ls" && text.Contains("/queue.html#t=", StringComparison.Ordinal) && !text.Contains($": {leave}.", StringComparison.Ordinal))
                findings.Add($"mail {i + 1}: does not name the page's button \"{leave}\" to stop waiting");
        }
        Assert.Empty(dialogs);

        Assert.True(findings.Count == 0, $"{findings.Count} findings in {language}:\n{string.Join("\n", findings)}");
    }

    [Theory]
    [InlineData("fr", "fr-CH")]
    [InlineData("it", "it-CH")]
    public async Task A_resident_on_a_phone_leaves_the_queue_by_themselves(string language, string locale)
    {
        var findings = new List<string>();
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        var desk = await TestDesks.CreateAsync(adminParty, $"lq-leave-{Guid.NewGuid():N}"[..18], closedToday: false);
        await NameInEveryLanguageAsync(adminParty, desk);

        await using var residentParty = await browser.NewPartyAsync(Browser.Phone, locale);
        var resident = await residentParty.NewPageAsync();
        var dialogs = new List<string>();
        resident.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); dialog.AcceptAsync(); };
        await resident.GotoAsync($"/queue.html?concern={desk.ConcernKey}");
        await Assertions.Expect(resident.Locator("#join")).ToBeVisibleAsync();
        await resident.Locator("#name").FillAsync($"Chiara Muster {Random.Shared.Next(100, 999)}");
        await resident.Locator("#join-submit").TapAsync();
        await Assertions.Expect(resident.Locator("#position")).ToHaveTextAsync("1");
        // Nobody handles the concern at the counter yet: the waiting card says so, with a way to book instead.
        await Assertions.Expect(resident.Locator("#attendance .unattended")).ToBeVisibleAsync();
        await LookAsync(resident, language, "leave-1-waiting-unattended", findings);

        // A stray tap asks first, in the resident's language; then the place is given up and the page says so.
        await resident.Locator("#leave").TapAsync();
        await Assertions.Expect(resident.Locator("#ended")).ToBeVisibleAsync();
        Assert.Equal(new[] { await T(resident, "queue.leaveConfirm") }, dialogs);
        findings.AddRange((await resident.EvaluateAsync<string[]>(FrenchSpaces, new[] { language, dialogs[0] })).Select(f => $"leave question: {f}"));
        await Assertions.Expect(resident.Locator("#ended")).ToHaveTextAsync(await T(resident, "queue.cancelled"));
        await Assertions.Expect(resident.Locator("#requeue")).ToBeVisibleAsync();
        // No place is left to head (the heading "your place in the queue" stood over "you have left the queue" until
        // 2026-12-07, "book an appointment" above both): what happened, then back into the queue, then an appointment
        // for the same concern.
        await Assertions.Expect(resident.Locator("#ticket-title")).ToBeHiddenAsync();
        var book = resident.Locator("#ticket-book a");
        await Assertions.Expect(book).ToBeVisibleAsync();
        await Assertions.Expect(book).ToHaveAttributeAsync("href", $"/book.html?concern={desk.ConcernKey}");
        await Assertions.Expect(resident.Locator("#book-instead")).ToBeHiddenAsync();
        Assert.True(await resident.EvaluateAsync<bool>("() => !!(document.getElementById('requeue').compareDocumentPosition(document.getElementById('ticket-book')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        await FocusKeptAsync(resident, "left", findings);
        if (!await resident.EvaluateAsync<bool>("() => !!document.getElementById('ended').closest('[aria-live], [role=status], [role=alert]')"))
            findings.Add("left: 'you have left the queue' is in no live region (a screen reader hears nothing)");
        await LookAsync(resident, language, "leave-2-left", findings);

        Assert.True(findings.Count == 0, $"{findings.Count} findings in {language}:\n{string.Join("\n", findings)}");
    }

    private static readonly Dictionary<string, string> ConcernNames = new()
    {
        ["fr"] = "Demande d’essai", ["it"] = "Richiesta di prova", ["de-x-ls"] = "Testanliegen",
    };

    private static readonly Dictionary<string, string> Message = new()
    {
        ["fr"] = "Bonjour, je souhaite une attestation.", ["it"] = "Buongiorno, vorrei un’attestazione.", ["de-x-ls"] = "Hallo. Ich brauche Hilfe.",
    };

    /// <summary>The desk's department and concern as a city names them in every language it offers.</summary>
    internal static async Task NameInEveryLanguageAsync(IBrowserContext admin, TestDesk desk)
    {
        var department = await admin.APIRequest.PutAsync($"/api/booking/admin/departments/{desk.DepartmentKey}", new()
        {
            DataObject = new
            {
                nameDe = "Testschalter", nameEn = "Test desk", nameFr = "Guichet d’essai", nameIt = "Sportello di prova", timeZone = "UTC",
                mailboxEmail = $"{desk.DepartmentKey}@stadt.example", sortOrder = 900,
            },
        });
        Assert.True(department.Ok, $"department: {department.Status} {await department.TextAsync()}");
        var concern = await admin.APIRequest.PutAsync($"/api/booking/admin/concerns/{desk.ConcernKey}", new()
        {
            DataObject = new
            {
                departmentKey = desk.DepartmentKey, nameDe = "Testanliegen", nameEn = "Test concern", nameFr = ConcernNames["fr"], nameIt = ConcernNames["it"],
                durationMinutes = 15, channels = new[] { "chat", "video" }, sortOrder = 900,
                documentsFr = Array.Empty<string>(), documentsIt = Array.Empty<string>(),
            },
        });
        Assert.True(concern.Ok, $"concern: {concern.Status} {await concern.TextAsync()}");
    }

    private static Task<string> T(IPage page, string key, object? values = null) =>
        page.EvaluateAsync<string>("async ([key, values]) => (await import('/shared/i18n.js')).t(key, values ?? {})", new object?[] { key, values });

    /// <summary>The resident's pages in their language; the clerk's (<paramref name="clerkLanguage"/>) shot beside them.</summary>
    private static Task LookAsync(IPage page, string language, string step, List<string> findings, params string[] more) =>
        LookAsync(page, language, language, step, findings, more);

    private static Task LookAsync(IPage page, string walk, string language, string step, List<string> findings, params string[] more) =>
        WalkLook.AtAsync(page, language, $"live-queue-{walk}-{step}", step, findings,
            [StaffPhoneWalkTests.PhoneChecks, FrenchSpaces, .. language.StartsWith("de", StringComparison.Ordinal) ? [] : new[] { StaffWalkTests.ClerkGerman }, .. more]);

    /// <summary>
    /// Presses Tab (nothing else) until the element has the focus, as a clerk without a mouse does; the element then
    /// shows that it has it (an outline or a ring).
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector, List<string> findings)
    {
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (!await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) continue;
            var ring = await page.EvaluateAsync<bool>("""
                () => { const s = getComputedStyle(document.activeElement);
                  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 || s.boxShadow !== 'none'; }
                """);
            if (!ring) findings.Add($"{selector}: focused by Tab without a visible ring ({new Uri(page.Url).AbsolutePath})");
            return;
        }
        Assert.Fail($"{selector} not reached with 150 Tabs on {page.Url}");
    }

    /// <summary>After the page changed under the resident's finger, the focus is on something shown, not on the page.</summary>
    private static async Task FocusKeptAsync(IPage page, string step, List<string> findings)
    {
        var focused = await page.EvaluateAsync<string>("""
            () => { const el = document.activeElement;
              if (!el || el === document.body || el === document.documentElement) return 'the page itself';
              return el.closest('[hidden]') || !el.getClientRects().length ? `hidden ${el.tagName.toLowerCase()}#${el.id}` : ''; }
            """);
        if (focused.Length > 0) findings.Add($"{step}: the focus is on {focused} ({new Uri(page.Url).AbsolutePath})");
    }

    /// <summary>The fields the page marks as being written in by the other side, once they settle (within 30 s).</summary>
    private static async Task MarkedAsync(IPage page, string step, string[] expected, List<string> findings)
    {
        const string Marked = "() => [...document.querySelectorAll('.fv-remote')].filter(f => f.getClientRects().length).map(f => f.querySelector('input, textarea, select')?.id ?? '?')";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] marked;
        while (!(marked = await page.EvaluateAsync<string[]>(Marked)).SequenceEqual(expected) && DateTime.UtcNow < deadline) await Task.Delay(250);
        if (!marked.SequenceEqual(expected))
            findings.Add($"{step}: fields marked as written in by the clerk: [{string.Join(", ", marked)}], expected [{string.Join(", ", expected)}]");
    }

    /// <summary>Draws a signature with touch events (a finger), not the mouse.</summary>
    private static async Task SignWithAFingerAsync(IPage page)
    {
        var pad = page.Locator("canvas.cf-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        var session = await page.Context.NewCDPSessionAsync(page);
        object Point(double x, double y) => new { x = box.X + box.Width * x, y = box.Y + box.Height * y };
        (double X, double Y)[] path = [(0.1, 0.7), (0.25, 0.3), (0.4, 0.7), (0.55, 0.3), (0.7, 0.7), (0.85, 0.4)];
        await session.SendAsync("Input.dispatchTouchEvent", new() { ["type"] = "touchStart", ["touchPoints"] = new[] { Point(path[0].X, path[0].Y) } });
        for (var i = 1; i < path.Length; i++)
            for (var step = 1; step <= 4; step++)
                await session.SendAsync("Input.dispatchTouchEvent", new()
                {
                    ["type"] = "touchMove",
                    ["touchPoints"] = new[] { Point(path[i - 1].X + (path[i].X - path[i - 1].X) * step / 4, path[i - 1].Y + (path[i].Y - path[i - 1].Y) * step / 4) },
                });
        await session.SendAsync("Input.dispatchTouchEvent", new() { ["type"] = "touchEnd", ["touchPoints"] = Array.Empty<object>() });
        await session.DetachAsync();
    }

    /// <summary>
    /// French sets a no-break space before : ; ! ? and inside « »: with a plain one the sign may start a line alone.
    /// Every shown text of the page (and its title, labels and placeholders); a text given as the second argument instead.
    /// </summary>
    internal const string FrenchSpaces = """
        arg => {
          const [language, only] = Array.isArray(arg) ? arg : [arg, null];
          if (language !== 'fr') return [];
          const texts = only !== null ? [only] : [document.title];
          if (only === null) {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode())
              if (node.parentElement?.getClientRects().length && !node.parentElement.closest('script, style, #transcript')) texts.push(node.textContent);
            for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title]'))
              for (const attr of ['aria-label', 'placeholder', 'title']) if (el.getAttribute(attr)) texts.push(el.getAttribute(attr));
          }
          const findings = [];
          for (const text of texts) {
            const bad = text.match(/\S[ \t\n][:;!?](?=\s|$)|« |(?<=\S) »|\p{L}[;!?](?=\s|$)|«(?=\p{L})|(?<=\p{L})»/u);
            if (bad) findings.push(`French spacing "${bad[0]}": ${text.trim().slice(0, 70)}`);
          }
          return [...new Set(findings)];
        }
        """;

    /// <summary>Turned across, the clerk's picture and the call's buttons stand on the screen together.</summary>
    private const string CallFitsTheScreen = """
        () => {
          const findings = [];
          const height = innerHeight;
          const remote = document.getElementById('remote-video').getBoundingClientRect();
          if (remote.height > height) findings.push(`the clerk's picture is ${Math.round(remote.height)} px high on a screen of ${height}`);
          const buttons = [...document.querySelectorAll('#call button')].filter(b => b.getClientRects().length && !b.closest('[hidden]'));
          const top = Math.min(remote.top, ...buttons.map(b => b.getBoundingClientRect().top));
          const bottom = Math.max(remote.bottom, ...buttons.map(b => b.getBoundingClientRect().bottom));
          if (bottom - top > height) findings.push(`picture and call buttons need ${Math.round(bottom - top)} px of a screen of ${height}`);
          return findings;
        }
        """;

    /// <summary>A photo as a phone's camera makes one: a JPEG of a page of paper.</summary>
    private const string Photo = """
        () => {
          const canvas = Object.assign(document.createElement('canvas'), { width: 960, height: 1280 });
          const g = canvas.getContext('2d');
          g.fillStyle = '#ddd'; g.fillRect(0, 0, 960, 1280);
          g.fillStyle = '#fff'; g.fillRect(80, 80, 800, 1120);
          g.fillStyle = '#222'; g.font = '48px serif';
          for (let line = 0; line < 12; line++) g.fillText('Lorem ipsum dolor sit amet', 140, 220 + line * 80);
          return canvas.toDataURL('image/jpeg', 0.85);
        }
        """;

    /// <summary>German words in a French or Italian mail, and French spacing (the mails are plain text).</summary>
    private static IEnumerable<string> MailFindings(string language, string text)
    {
        var readable = text.Replace("Testschalter", "").Replace("Testanliegen", "").Replace("Chiara Muster", "");
        if (!language.StartsWith("de", StringComparison.Ordinal) && GermanWords().Matches(readable) is { Count: > 0 } german)
            yield return $"German words: {string.Join(", ", german.Select(m => m.Value).Distinct())}";
        if (language == "fr" && FrenchPlainSpace().Match(readable) is { Success: true } plain)
            yield return $"French spacing \"{plain.Value}\"";
        if (KeyLike().Match(readable) is { Success: true } key) yield return $"raw key: {key.Value}";
    }

    [GeneratedRegex("F-[0-9]{4}-[A-Z2-9]{6}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(Bitte|Ihre?n?|Sie|wurde|werden|nicht|oder|und|Termin|Anliegen|Warteschlange|Beratung|Freundliche)(?![\p{L}\p{N}])")]
    private static partial Regex GermanWords();

    [GeneratedRegex(@"\S[ \t][:;!?](?=\s|$)|« | »", RegexOptions.Multiline)]
    private static partial Regex FrenchPlainSpace();

    [GeneratedRegex(@"(?<![\w/.@-])[a-z]+\.[a-z]+\.[a-zA-Z.]+(?![\w/@])")]
    private static partial Regex KeyLike();
}
