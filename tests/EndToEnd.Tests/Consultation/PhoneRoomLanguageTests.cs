using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// The consultation room on a 390 px phone in every language the city offers: a resident joins, a clerk takes them,
/// they chat and start video. Every text the resident reads or hears (own texts, labels, the title) is in the
/// resident's language: no catalogue key and no text left in English (in German, for English); nothing runs past
/// the screen's edge or is cut off; axe-core finds nothing serious. Screenshots: artifacts/screenshots/phone-room-*.png.
/// </summary>
public sealed class PhoneRoomLanguageTests(Browser browser) : IClassFixture<Browser>
{
    static PhoneRoomLanguageTests() => Assertions.SetDefaultExpectTimeout(60_000);

    /// <summary>The room's heading, the line naming the clerk, the chat's send button, accepting video.</summary>
    public sealed record Texts(string Title, string TalkingTo, string Send, string AcceptVideo, string Message);

    private static readonly Dictionary<string, Texts> Expected = new()
    {
        ["de"] = new("Ihre Beratung", "Sie sprechen mit", "Senden", "Video annehmen", "Grüezi, ich möchte mich anmelden."),
        ["en"] = new("Your consultation", "You are talking to", "Send", "Accept video", "Hello, I would like to register."),
        ["fr"] = new("Votre entretien", "Vous parlez avec", "Envoyer", "Accepter la vidéo", "Bonjour, je souhaite m’annoncer."),
        ["it"] = new("Il vostro colloquio", "State parlando con", "Inviare", "Accettare il video", "Buongiorno, vorrei notificarmi."),
        ["de-x-ls"] = new("Ihr Gespräch", "Sie reden mit", "Schicken", "Ja, mit Video reden", "Hallo, ich will mich anmelden."),
    };

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("it")]
    [InlineData("de-x-ls")]
    public async Task A_resident_walks_the_consultation_room_on_a_phone_in_their_language(string language)
    {
        var expected = Expected[language];
        await using var room = await PhoneRoom.OpenAsync(browser, language);
        var (resident, clerk) = (room.Resident, room.Clerk);
        await Assertions.Expect(resident.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(resident.Locator("h1")).ToHaveTextAsync(expected.Title);
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync(expected.TalkingTo);

        // They chat: the clerk greets, the resident answers.
        await clerk.Locator("#chat-text").FillAsync("Grüezi, wie kann ich helfen?");
        await clerk.Locator("#chat-form button[type=submit]").ClickAsync();
        await Assertions.Expect(resident.Locator("#transcript")).ToContainTextAsync("wie kann ich helfen?");
        await resident.Locator("#chat-text").FillAsync(expected.Message);
        var send = resident.Locator("#chat-form button[type=submit]");
        await Assertions.Expect(send).ToHaveTextAsync(expected.Send);
        await send.ClickAsync();
        await Assertions.Expect(clerk.Locator("#transcript")).ToContainTextAsync(expected.Message);
        await AssertReadableAsync(resident, language);
        await Browser.ScreenshotAsync(resident, $"phone-room-{language}-1-chat");

        // The clerk asks for video: the question and its answers.
        await clerk.Locator("#start-video").ClickAsync();
        var accept = resident.GetByRole(AriaRole.Button, new() { Name = expected.AcceptVideo, Exact = true });
        await Assertions.Expect(accept).ToBeVisibleAsync();
        // While the question waits for an answer, starting a call of one's own does not apply.
        await Assertions.Expect(resident.Locator("#start-video")).ToBeHiddenAsync();
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await AssertReadableAsync(resident, language);
        await PhoneRoom.ShotAsync(resident, $"phone-room-{language}-2-asked");

        // The call runs: the call's buttons (microphone, camera, end) fit the phone.
        await accept.ClickAsync();
        await clerk.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });
        await resident.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await AssertReadableAsync(resident, language);
        await PhoneRoom.ShotAsync(resident, $"phone-room-{language}-3-call");
        await Browser.ScreenshotAsync(resident, $"phone-room-{language}-4-call-page");

        // The German clerk starts the identity check: every question to ask stands below in the resident's language
        // (Leichte Sprache's written of its own, not the German again), and the resident's page says what to do.
        var panel = clerk.Locator("#identity-panel-body");
        await panel.Locator("[id$=-start]").ClickAsync();
        var questions = panel.Locator("input[name=questionsAsked]");
        await Assertions.Expect(questions.First).ToBeAttachedAsync();
        await Assertions.Expect(panel.Locator(".idp-their")).ToHaveCountAsync(language == "de" ? 0 : await questions.CountAsync());
        await Assertions.Expect(panel.Locator($".idp-their[lang={language}]")).ToHaveCountAsync(language == "de" ? 0 : await questions.CountAsync());
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await AssertReadableAsync(resident, language);
        await PhoneRoom.ShotAsync(resident, $"phone-room-{language}-5-identity");
        await Browser.ScreenshotAsync(clerk, $"phone-room-{language}-5-identity-clerk");
    }

    /// <summary>In the page's language, within the screen, axe-clean.</summary>
    private static async Task AssertReadableAsync(IPage page, string language)
    {
        var problems = await page.EvaluateAsync<JsonElement>(TextCheck, new[] { language, language == "en" ? "de" : "en" });
        Assert.True(problems.GetArrayLength() == 0, $"{language}: {problems}");
        await Browser.AssertAccessibleAsync(page);
    }

    /// <summary>
    /// Every visible element's own text, aria-label, placeholder, title and alt, and the document's title, against
    /// the page's registered catalogue: a key shown as such, or the other language's text where this language has
    /// its own, is a problem; so is a page wider than the screen and a button whose label is cut off.
    /// </summary>
    private const string TextCheck = """
        async ([lang, other]) => {
          const { catalogue } = await import('/shared/i18n.js');
          const cat = catalogue();
          const mine = key => cat[lang][key] ?? (lang === 'de-x-ls' ? cat.de[key] : undefined) ?? cat.de[key];
          const keys = [...new Set([...Object.keys(cat.de), ...Object.keys(cat.en)])];
          const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
          const texts = [document.title];
          for (const el of document.body.querySelectorAll('*')) {
            if (!shown(el) || el.closest('select')) continue;
            const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
            if (own) texts.push(own);
            for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) if (el.getAttribute(attr)) texts.push(el.getAttribute(attr).trim());
          }
          const escape = s => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          const foreign = [];
          for (const key of keys) {
            const theirs = cat[other][key];
            if (!theirs || theirs === mine(key)) continue;
            foreign.push(new RegExp('^' + escape(theirs).replace(/\{\w+\}/g, '.+') + '$', 's'));
          }
          const problems = [];
          for (const text of texts) {
            if (keys.includes(text) || /^[a-z]+(\.[a-zA-Z0-9-]+)+$/.test(text)) problems.push(`key: ${text}`);
            else if (foreign.some(r => r.test(text))) problems.push(`${other}: ${text}`);
          }
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > width) problems.push(`page ${document.documentElement.scrollWidth} px wide`);
          for (const b of document.querySelectorAll('button, a.button')) {
            if (!shown(b)) continue;
            const r = b.getBoundingClientRect();
            if (r.left < -1 || r.right > width + 1) problems.push(`button past the edge: ${b.textContent.trim()}`);
            if (b.scrollWidth > b.clientWidth + 1) problems.push(`button cut off: ${b.textContent.trim()}`);
          }
          // Buttons one above the other need a gap a finger can tell apart; side by side ones must not overlap.
          const buttons = [...document.querySelectorAll('button, a.button')].filter(shown).map(b => [b, b.getBoundingClientRect()]);
          for (const [a, ra] of buttons) for (const [b, rb] of buttons) {
            if (a === b || !(ra.left < rb.right && rb.left < ra.right) || rb.top < ra.top) continue;
            if (rb.top - ra.bottom < 4) problems.push(`buttons touch: ${a.textContent.trim()} / ${b.textContent.trim()}`);
          }
          return problems;
        }
        """;
}
