using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Forms;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// An outsider on a phone, in French, Italian, English and Leichte Sprache, walks the resident's paper trail: a form
/// filled at home and signed with a code (the code's address, a wrong code, the right one), the dossier from the
/// status mail's link on the phone (a device that speaks German), a clerk asking for a document, the upload page (a
/// refused file, a good one), and the manage page (move, cancel). On every stop: the page's language, no raw key,
/// no German text the language has its own words for (nor a common German word), nothing wider than the screen, no
/// button or field smaller than 24 px, axe-core clean. Screenshots as phone-walk-{language}-{step}.png.
/// </summary>
public sealed partial class PhoneWalkTests(Browser browser) : IClassFixture<Browser>
{
    private const string Password = "Schalter-2026!";

    private static readonly byte[] Pdf =
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"u8.ToArray();

    [Theory]
    [InlineData("fr", "fr-CH", 360)]
    [InlineData("it", "it-CH", 390)]
    [InlineData("en", "en-GB", 390)]
    [InlineData("de-x-ls", "de-DE", 360)]
    public async Task A_resident_on_a_phone_walks_form_dossier_upload_and_appointment_in_their_language(string language, string locale, int width)
    {
        var viewport = width == 360 ? Browser.SmallPhone : Browser.Phone;
        var findings = new List<string>();
        var email = Mailbox.UniqueAddress();

        // At home: the resident chose the language on the switch.
        await using var home = await browser.NewPartyAsync(viewport, locale);
        await home.AddInitScriptAsync($"localStorage.setItem('lang', '{language}')");
        var page = await home.NewPageAsync();
        await FormPage.StartRegistrationAsync(page);
        await FormPage.FillRegistrationAsync(page, email);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(await T(page, "cf.saved"), new() { Timeout = 15_000 });

        var signing = page.Locator(".cf-sign");
        await signing.Locator("input[name=cf-method][value=tan]").CheckAsync();
        await Assertions.Expect(signing.Locator(".cf-tan-to")).ToHaveTextAsync(await T(page, "cf.tan.to", new { to = email }));
        await LookAsync(page, language, "1-form-code", findings);
        await signing.Locator(".cf-tan-send").ClickAsync();
        var code = SixDigits().Match((await Mailbox.WaitForAsync(email, timeout: TimeSpan.FromSeconds(60))).Single().TextBody ?? "").Groups[1].Value;
        Assert.Matches("^[0-9]{6}$", code);
        var codeField = signing.Locator("#cf-tan-code");
        await Assertions.Expect(codeField).ToBeFocusedAsync(new() { Timeout = 30_000 });
        await codeField.FillAsync(code == "000000" ? "111111" : "000000");
        await codeField.PressAsync("Enter");
        await Assertions.Expect(signing.Locator(".cf-sign-status")).ToHaveTextAsync(await T(page, "cf.tan.wrong", new { left = 2 }), new() { Timeout = 30_000 });
        await Assertions.Expect(codeField).ToBeFocusedAsync();
        await LookAsync(page, language, "2-form-wrong-code", findings);
        await codeField.FillAsync(code);
        await codeField.PressAsync("Enter");
        var done = page.Locator(".cf-done");
        await Assertions.Expect(done).ToContainTextAsync(Reference(), new() { Timeout = 60_000 });
        await Assertions.Expect(done).ToBeFocusedAsync();
        var reference = Reference().Match(await done.InnerTextAsync()).Value;
        await LookAsync(page, language, "3-form-submitted", findings);

        // A clerk asks for the tenancy agreement.
        var mailed = await Mailbox.WaitForAsync(email, 2, TimeSpan.FromSeconds(60));
        await using var clerk = await browser.NewPartyAsync(Browser.Desktop);
        Assert.True((await clerk.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = Password } })).Ok);
        var list = (await (await clerk.APIRequest.GetAsync("/api/forms/dossiers?status=received")).JsonAsync())!.Value;
        var dossierId = list.EnumerateArray().Single(d => d.GetProperty("reference").GetString() == reference).GetProperty("id").GetString();
        foreach (var (status, note) in new (string, string?)[] { ("in_review", null), ("needs_information", "Mietvertrag / tenancy agreement") })
            Assert.True((await clerk.APIRequest.PostAsync($"/api/forms/dossiers/{dossierId}/status", new() { DataObject = new { status, note } })).Ok);
        var asked = (await Mailbox.WaitForAsync(email, 4, TimeSpan.FromSeconds(90))).Last(m => m.TextBody?.Contains("/upload.html#t=") == true);

        // On the phone, whose browser speaks German: the mail's link opens the dossier in the mail's language.
        await using var phone = await browser.NewPartyAsync(viewport, "de-CH");
        var mobile = await phone.NewPageAsync();
        var link = DossierLink().Match(asked.TextBody!).Value;
        Assert.EndsWith($"&lang={language}", link);
        await mobile.GotoAsync(link);
        await Assertions.Expect(mobile.Locator("#status")).ToHaveTextAsync(NeedsInformation[language]);
        await Assertions.Expect(mobile.Locator("#reference")).ToHaveTextAsync(reference);
        await Assertions.Expect(mobile.Locator("#missing")).ToBeVisibleAsync();
        await LookAsync(mobile, language, "4-dossier-needs-information", findings);

        // The upload page opens from the dossier in the same language; a refused file, then a good one.
        await mobile.Locator("#upload").ClickAsync();
        await Assertions.Expect(mobile.Locator("#upload")).ToBeVisibleAsync();
        // Its language is looked at with the rest (a finding "html lang is de" when the link dropped it).
        await mobile.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "notiz.txt", MimeType = "text/plain", Buffer = "hallo"u8.ToArray() });
        await mobile.Locator("#send").ClickAsync();
        await Assertions.Expect(mobile.Locator("#status")).ToContainTextAsync("notiz.txt", new() { Timeout = 30_000 });
        await LookAsync(mobile, language, "5-upload-refused", findings);
        await mobile.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "mietvertrag.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await mobile.Locator("#send").ClickAsync();
        await Assertions.Expect(mobile.Locator("#status")).ToHaveTextAsync(await T(mobile, "up.thanks.one", new { count = 1 }), new() { Timeout = 60_000 });
        await Assertions.Expect(mobile.Locator("#sent")).ToContainTextAsync("mietvertrag.pdf");
        await LookAsync(mobile, language, "6-upload-sent", findings);
        // Opened from the dossier, the page leads back to it: the same link, in the page's language (it had no way back).
        var back = mobile.Locator("#back-link");
        await Assertions.Expect(back).ToHaveTextAsync(await T(mobile, "up.backToDossier"));
        await Assertions.Expect(back).ToHaveAttributeAsync("href", link);
        await back.ClickAsync();
        await Assertions.Expect(mobile.Locator("#reference")).ToHaveTextAsync(reference);
        await Assertions.Expect(mobile.Locator("html")).ToHaveAttributeAsync("lang", language);

        // An appointment booked in the language, moved and cancelled with the mail's manage link.
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        var slots = await http.GetFromJsonAsync<JsonElement>($"/api/booking/concerns/move/slots?from={DateTime.UtcNow.AddDays(8):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(14):yyyy-MM-dd}");
        var booked = await (await http.PostAsJsonAsync("/api/booking/appointments", new
        {
            concernKey = "move", start = slots.GetProperty("slots")[0].GetProperty("start").GetString(), name = "Chiara Muster", email = Mailbox.UniqueAddress(), language,
        })).Content.ReadFromJsonAsync<JsonElement>();
        await mobile.GotoAsync($"/manage.html#t={booked.GetProperty("manageToken").GetString()}&lang={language}");
        await Assertions.Expect(mobile.Locator("#summary")).ToContainTextAsync("Chiara Muster", new() { Timeout = 15_000 });
        await LookAsync(mobile, language, "7-manage", findings);
        await mobile.Locator("#move").ClickAsync();
        await Assertions.Expect(mobile.Locator("#pick-title")).ToBeFocusedAsync();
        // A phone lists the times a day at a time, the day chosen above them: the week was some 3,400 px long, with the
        // confirmation below all of it. By keyboard: another day in the list, which keeps the focus while the status says
        // the day and its number of times; Tab to the day's times, an arrow to the next, Enter.
        var day = mobile.Locator("#slot-day-choice");
        await Assertions.Expect(day).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(mobile.Locator("#slots ul.slots")).ToHaveCountAsync(1);
        Assert.True(await day.Locator("option").CountAsync() >= 2, "a week of move has at least two days with free times");
        var firstDay = await mobile.Locator("#slots button").First.GetAttributeAsync("data-start");
        await day.FocusAsync();
        await day.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Assertions.Expect(day).ToBeFocusedAsync();
        await Assertions.Expect(mobile.Locator($"#slots button[data-start='{firstDay}']")).ToHaveCountAsync(0);
        await Assertions.Expect(mobile.Locator("#slots ul.slots")).ToHaveCountAsync(1);
        var dayName = (await mobile.Locator("#slots h3").TextContentAsync())!;
        var times = await mobile.Locator("#slots button").CountAsync();
        await Assertions.Expect(day.Locator("option:checked")).ToContainTextAsync(dayName);
        await Assertions.Expect(mobile.GetByRole(AriaRole.Status).Filter(new() { HasText = dayName }))
            .ToHaveTextAsync(await mobile.EvaluateAsync<string>("async ([day, count]) => (await import('/shared/i18n.js')).tn('book.dayShown', count, { day })", new object[] { dayName, times }));
        await mobile.Keyboard.PressAsync("Tab");
        await Assertions.Expect(mobile.Locator("#slots button").First).ToBeFocusedAsync();
        await mobile.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(mobile.Locator("#slots button").Nth(1)).ToBeFocusedAsync();
        await mobile.Keyboard.PressAsync("Enter");
        await Assertions.Expect(mobile.Locator("#move-yes")).ToBeFocusedAsync();
        await Assertions.Expect(mobile.Locator("#slots button[aria-pressed=true]")).ToHaveCountAsync(1);
        // From the times' heading to the confirmation's buttons: one day's times, as short as booking's (the same picker).
        var length = await mobile.EvaluateAsync<double>("() => document.getElementById('confirm-move').getBoundingClientRect().bottom - document.getElementById('pick-title').getBoundingClientRect().top");
        Assert.True(length < 1_400, $"{length:F0} px from the times' heading to the confirmation");
        await LookAsync(mobile, language, "8-manage-move", findings);
        await mobile.Locator("#move-yes").ClickAsync();
        await Assertions.Expect(mobile.Locator("#status")).ToHaveClassAsync(new Regex(@"\bok\b"), new() { Timeout = 15_000 });
        await mobile.Locator("#cancel").ClickAsync();
        await Assertions.Expect(mobile.Locator("#cancel-yes")).ToBeFocusedAsync();
        await mobile.Locator("#cancel-yes").ClickAsync();
        await Assertions.Expect(mobile.Locator("#after-cancel")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(mobile.Locator("#status")).ToBeFocusedAsync();
        await LookAsync(mobile, language, "9-manage-cancelled", findings);

        Assert.True(findings.Count == 0, $"{findings.Count} findings in {language} at {width} px:\n{string.Join("\n", findings)}");
    }

    private static readonly Dictionary<string, string> NeedsInformation = new()
    {
        ["fr"] = "Informations manquantes", ["it"] = "Dati mancanti", ["en"] = "Information needed", ["de-x-ls"] = "Uns fehlt noch etwas",
    };

    /// <summary>The page's own text for a key, with its placeholders (the page's i18n module, so its catalogue).</summary>
    private static Task<string> T(IPage page, string key, object? values = null) =>
        page.EvaluateAsync<string>("async ([key, values]) => (await import('/shared/i18n.js')).t(key, values ?? {})", new object?[] { key, values });

    private static async Task LookAsync(IPage page, string language, string step, List<string> findings)
    {
        var where = $"{step} ({new Uri(page.Url).AbsolutePath})";
        await Browser.ScreenshotAsync(page, $"phone-walk-{language}-{step}");
        findings.AddRange((await page.EvaluateAsync<string[]>(PageSweepTests.Checks, new { language, easy = true })).Select(f => $"{where}: {f}"));
        findings.AddRange((await page.EvaluateAsync<string[]>(Stumbles, language)).Select(f => $"{where}: {f}"));
        if (await page.EvaluateAsync<string>(PageSweepTests.SidewaysOverflow) is { Length: > 0 } overflow) findings.Add($"{where}: scrolls sideways ({overflow})");
        try
        {
            await Browser.AssertAccessibleAsync(page);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            findings.Add($"{where}: {e.Message}");
        }
    }

    /// <summary>
    /// What the catalogue check cannot see: a server's or a form's text in German (common German words in a page that
    /// is not German; the values the test typed excepted), a punctuation sign pushed alone to the start of a line, the
    /// Italian pages' word for the dossier, and targets under 24 px (WCAG 2.5.8; a link in a sentence is exempt).
    /// </summary>
    internal const string Stumbles = """
        language => {
          const findings = [];
          const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length) && getComputedStyle(el).visibility !== 'hidden';
          if (!language.startsWith('de')) {
            const typed = /Muster|Anna|Marktgasse|Winterthur|Hauptstrasse|Berlin|Stadtwohnungen AG|Mietvertrag|notiz\.txt|mietvertrag\.pdf|Deutsch|Leichte Sprache/g;
            // A line marked as another language (the clerk's identity questions in the resident's words, lang="de-x-ls")
            // is meant to be in it, not left over.
            const squash = s => s.replace(/\s+/g, ' ');
            const text = [...document.querySelectorAll('main [lang]')].filter(e => e.lang !== document.documentElement.lang)
              .reduce((all, e) => all.replace(squash(e.innerText).trim(), ''), squash(document.querySelector('main').innerText)).replace(typed, '');
            // Whole words, letters beyond ASCII included: the French "Terminé" is no German "Termin".
            const german = text.match(/(?<![\p{L}\p{N}])(Bitte|Ihre?n?|Sie|wurde|werden|nicht|oder|und|Datei(en)?|Termin|Dossier[s]? (ist|wurde)|hochladen|Gespeichert|Unterschrift|Angaben)(?![\p{L}\p{N}])/gu);
            if (german) findings.push(`German words: ${[...new Set(german)].join(', ')}`);
          }
          // Italian calls the dossier "incarto" on every page and mail; a form's hint said "dossier".
          if (language === 'it' && /\bdossier\b/i.test(document.querySelector('main').innerText)) findings.push('Italian "dossier" instead of "incarto"');
          // French sets a space before : ; ? ! — a plain one lets the sign start the next line alone (the dossier's note).
          const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement || !visible(node.parentElement)) continue;
            for (const match of node.textContent.matchAll(/\S(\s+)[:;?!]/g)) {
              const at = offset => { const range = document.createRange(); range.setStart(node, offset); range.setEnd(node, offset + 1); return range.getBoundingClientRect(); };
              const before = at(match.index), sign = at(match.index + match[0].length - 1);
              if (sign.height && before.height && sign.top > before.top + before.height / 2) findings.push(`"${match[0].trim()}" starts a line: ${node.textContent.trim().slice(0, 60)}`);
            }
          }
          for (const el of document.querySelectorAll('button, select, input:not([type=radio]):not([type=checkbox]):not([type=file]), a.button, label.file-button, textarea')) {
            if (!visible(el) || el.closest('[hidden]')) continue;
            const box = el.getBoundingClientRect();
            if (box.height < 24 || box.width < 24) findings.push(`small target ${el.tagName.toLowerCase()}#${el.id}.${el.className} ${Math.round(box.width)}×${Math.round(box.height)}`);
          }
          return findings;
        }
        """;

    [GeneratedRegex("F-[0-9]{4}-[A-Z2-9]{6}")]
    private static partial Regex Reference();

    // The code stands alone on an indented line of the mail.
    [GeneratedRegex("(?m)^\\s+([0-9]{6})\\s*$")]
    private static partial Regex SixDigits();

    [GeneratedRegex("/dossier\\.html#t=[A-Za-z0-9_-]{43}&lang=[a-z-]+")]
    private static partial Regex DossierLink();
}
