using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Booking;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.EndToEnd.Tests.Forms;
using Municipal.EndToEnd.Tests.Languages;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// A clerk of Lugano (Italian, on a 1366 px laptop) and one of a French-speaking town (on a 1024 px tablet held
/// across) hold a consultation in their language with a resident on a phone (who reads the room in Italian; in English
/// beside the French clerk): the live queue with
/// the resident waiting, the room, the chat both ways, the video, the identity check (a mistyped MRZ, then the
/// right one, the checklist, the decision), the confirmation written, signed by hand and sent, the end, and the
/// dossier it made in the clerk's back office. The page sweep looks at empty pages;
/// this walk looks at each of them full, as a clerk's day has them, on both sides: the page's language, no raw key,
/// no German text the language has words of its own for, nothing wider than the screen, no target under 24 px,
/// axe-core. Screenshots as staff-walk-{language}-{step}-{side}.png.
/// </summary>
public sealed class StaffWalkTests(Browser browser) : IClassFixture<Browser>
{
    private const string GermanIdCard = "IDD<<LZ6311T475<<<<<<<<<<<<<<<\n8308126F3108011D<<<<<<<<<<<<<6\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";

    static StaffWalkTests() => Assertions.SetDefaultExpectTimeout(60_000);

    [Theory]
    [InlineData("it", "it-CH", 1366, 768, "it")]
    [InlineData("fr", "fr-CH", 1024, 768, "en")]
    public async Task A_clerk_holds_a_whole_consultation_in_their_language(string language, string locale, int width, int height, string residentLanguage)
    {
        var findings = new List<string>();
        // The name the document in the camera (the MRZ below) bears.
        var name = $"Erika Mustermann {Random.Shared.Next(100, 999)}";
        // A desk open around the clock, so that the resident waits in booking's live queue whatever the hour.
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        var desk = await TestDesks.CreateAsync(adminParty, $"walk-{language}", closedToday: false);
        var ticket = await ConsultationTickets.TakeAsync(name, desk.ConcernKey, Mailbox.UniqueAddress(), desk.DepartmentKey, residentLanguage);

        await using var clerkParty = await browser.NewPartyAsync(new ViewportSize { Width = width, Height = height }, locale);
        await clerkParty.AddInitScriptAsync($"localStorage.setItem('lang', '{language}')");
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone, locale);
        await residentParty.AddInitScriptAsync($"localStorage.setItem('lang', '{residentLanguage}')");
        var clerk = await clerkParty.NewPageAsync();
        var resident = await residentParty.NewPageAsync();
        clerk.Dialog += (_, dialog) => dialog.AcceptAsync();
        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = desk.ClerkUserName, password = desk.ClerkPassword } })).Ok);

        // The live queue with the resident in it.
        await clerk.GotoAsync("/agent/queue.html");
        await Assertions.Expect(clerk.Locator("#rows")).ToContainTextAsync(name);
        // The clerk's topics by name: a concern the city named only in German read as its key ("walk-it-enquiry").
        await Assertions.Expect(clerk.Locator("#skills")).ToContainTextAsync("Testanliegen");
        await Assertions.Expect(clerk.Locator("#skills")).Not.ToContainTextAsync(desk.ConcernKey);
        await LookAsync(clerk, language, "1-queue", "clerk", findings);

        // The room on both sides, and a line each way.
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync(name);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(clerk.Locator("#resident-name")).ToHaveTextAsync(name);
        await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync(name);
        await LookAsync(clerk, language, "2-room", "clerk", findings);
        await resident.Locator("#chat-text").FillAsync("Buongiorno, bonjour");
        await resident.Locator("#chat-text").PressAsync("Enter");
        await Assertions.Expect(clerk.Locator("#transcript li:not(.system)").Last).ToContainTextAsync("Buongiorno, bonjour");
        await clerk.Locator("#chat-text").FillAsync("Salve, salut");
        await clerk.Locator("#chat-form button[type=submit]").ClickAsync();
        await Assertions.Expect(resident.Locator("#transcript li:not(.system)").Last).ToContainTextAsync("Salve, salut");
        await LookAsync(clerk, language, "3-chat", "clerk", findings);
        await LookAsync(resident, residentLanguage, "3-chat", "resident", findings);

        // Video: the clerk asks, the resident accepts.
        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        await clerk.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });
        await LookAsync(clerk, language, "4-video", "clerk", findings);
        await LookAsync(resident, residentLanguage, "4-video", "resident", findings);

        // The identity check: a mistyped MRZ is named in the clerk's language, the right one passes, the decision holds.
        var panel = clerk.Locator("#identity-panel-body");
        // The start waits for a picture from the resident's camera (sampled every 1.5 s); a click before does nothing.
        await Assertions.Expect(panel.Locator("[id$=-start]")).ToHaveAttributeAsync("aria-disabled", "false", new() { Timeout = 30_000 });
        await panel.Locator("[id$=-start]").ClickAsync();
        await panel.Locator("[id$=-capture]").ClickAsync();
        await Assertions.Expect(panel.Locator("img.idp-still")).ToBeVisibleAsync();
        await panel.Locator("[id$=-upload]").ClickAsync();
        var mrz = panel.Locator("textarea[name=mrz]");
        await Assertions.Expect(mrz).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await mrz.FillAsync(GermanIdCard[..^3]);
        await panel.Locator("[id$=-check]").ClickAsync();
        await Assertions.Expect(panel.Locator(".error[role=alert]").First).ToBeVisibleAsync();
        await LookAsync(clerk, language, "5-identity-typo", "clerk", findings);
        await LookAsync(resident, residentLanguage, "5-identity", "resident", findings);
        await mrz.FillAsync(GermanIdCard);
        await panel.Locator("[id$=-check]").ClickAsync();
        await Assertions.Expect(panel.Locator("[data-check].ok")).ToHaveCountAsync(4);
        // The questions stand in the clerk's language and, in a room the resident reads in another, in theirs below.
        var questions = panel.Locator("input[name=questionsAsked]");
        await Assertions.Expect(panel.Locator(".idp-their")).ToHaveCountAsync(residentLanguage == language ? 0 : await questions.CountAsync());
        if (residentLanguage != language)
            await Assertions.Expect(panel.Locator($".idp-their[lang={residentLanguage}]").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z][a-z]+ .+[?.]$"));
        var features = panel.Locator("input[name=confirmedFeatures]");
        for (var i = 0; i < await features.CountAsync(); i++) await features.Nth(i).CheckAsync();
        await panel.Locator("input[name=questionsAsked]").First.CheckAsync();
        await panel.Locator("input[type=radio][value=verified]").CheckAsync();
        await LookAsync(clerk, language, "6-identity-checked", "clerk", findings);
        await panel.Locator("[id$=-decide]").ClickAsync();
        await Assertions.Expect(panel.Locator("[data-status=verified]")).ToBeVisibleAsync();
        await LookAsync(clerk, language, "7-identity-verified", "clerk", findings);

        // The form, opened by the clerk, on both sides: the desk's concern has none of its own, so the confirmation of
        // the consultation.
        await clerk.Locator("#form-panel-body button").First.ClickAsync();
        await Assertions.Expect(clerk.Locator("#form-panel-body legend").First).ToBeVisibleAsync();
        await Assertions.Expect(resident.Locator("form legend, fieldset legend").First).ToBeVisibleAsync();
        await LookAsync(clerk, language, "8-form", "clerk", findings);
        await LookAsync(resident, residentLanguage, "8-form", "resident", findings);

        // What was agreed, written by the clerk, confirmed and signed by hand by the resident.
        await FormPage.Field(clerk, "agreed").FillAsync("Conferma di residenza / attestation de domicile");
        await Assertions.Expect(FormPage.Field(resident, "agreed")).ToHaveValueAsync("Conferma di residenza / attestation de domicile");
        await FormPage.Field(resident, "applicant.dateOfBirth").FillAsync("1983-08-12");
        await FormPage.Field(resident, "email").FillAsync(Mailbox.UniqueAddress());
        await FormPage.Field(resident, "confirmed").CheckAsync();
        await FormPage.SignAsync(resident);
        await resident.Locator(".cf-submit").ClickAsync();
        var reference = new System.Text.RegularExpressions.Regex("F-[0-9]{4}-[A-Z2-9]{6}");
        await Assertions.Expect(resident.Locator(".cf-done")).ToContainTextAsync(reference);
        await Assertions.Expect(clerk.Locator("#form-panel-body")).ToContainTextAsync(reference);
        var submitted = reference.Match(await resident.Locator(".cf-done").InnerTextAsync()).Value;
        // The reference stays whole on one line (the French tablet broke it after "F-").
        var kept = clerk.Locator("#form-panel-body .reference");
        await Assertions.Expect(kept).ToHaveTextAsync(submitted);
        Assert.Equal(1, await kept.EvaluateAsync<int>("span => span.getClientRects().length"));
        await LookAsync(clerk, language, "9-submitted", "clerk", findings);
        await LookAsync(resident, residentLanguage, "9-submitted", "resident", findings);

        // The end.
        await clerk.Locator("#end").ClickAsync();
        await Assertions.Expect(resident).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/feedback\.html#t="));
        await clerk.WaitForTimeoutAsync(1000);
        await LookAsync(clerk, language, "10-ended", "clerk", findings);
        await LookAsync(resident, residentLanguage, "10-feedback", "resident", findings);

        // The dossier it made, in the clerk's back office: listed, opened with the consultation's identity check, put in review.
        await clerk.GotoAsync("/agent/dossiers.html");
        var open = clerk.Locator("#list button", new() { HasText = submitted });
        await Assertions.Expect(open).ToBeVisibleAsync();
        await LookAsync(clerk, language, "11-dossiers", "clerk", findings);
        await open.ClickAsync();
        await Assertions.Expect(clerk.Locator("#d-title")).ToBeFocusedAsync();
        await Assertions.Expect(clerk.Locator("#d-consultation")).ToBeVisibleAsync();
        var inReview = (await clerk.Locator("#c-status option[value=in_review]").TextContentAsync())!;
        await clerk.Locator("#c-status").SelectOptionAsync("in_review");
        await clerk.Locator("#change button[type=submit]").ClickAsync();
        await Assertions.Expect(clerk.Locator("#c-result")).Not.ToBeEmptyAsync();
        await Assertions.Expect(clerk.Locator("#list tbody tr", new() { HasText = submitted })).ToContainTextAsync(inReview);
        // Its PDF reached the document intake: the desk is a department the admin added, which had no inbox there
        // (the walk's first run read "trasmissione all'archivio dei documenti in sospeso" for ever).
        var delivered = await clerk.EvaluateAsync<string>("async () => (await import('/shared/i18n.js')).t('ds.delivered')");
        await Poll.UntilAsync(async () =>
        {
            await open.ClickAsync();
            await clerk.WaitForTimeoutAsync(1000);
            return (await clerk.Locator("#d-delivered").TextContentAsync() ?? "").Contains(delivered, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(90), "The dossier's PDF did not reach the desk's document inbox.");
        await LookAsync(clerk, language, "12-dossier", "clerk", findings);

        Assert.True(findings.Count == 0, $"{findings.Count} findings for the {language} clerk at {width} px:\n{string.Join("\n", findings)}");
    }

    private static Task LookAsync(IPage page, string language, string step, string side, List<string> findings) =>
        WalkLook.AtAsync(page, language, $"staff-walk-{language}-{step}-{side}", $"{side} {step}", findings, ClerkGerman);

    /// <summary>German words of the room, the identity check and the system's lines that the resident's list does not hold.</summary>
    internal const string ClerkGerman = """
        language => {
          const text = document.querySelector('main').innerText.replace(/Muster\w*|MUSTER\w*|ERIKA|Erika|Anna|Deutsch|Leichte Sprache|Personalausweis|Identitätskarte/g, '');
          const german = text.match(/\b(hat|ist|der|die|das|den|dem|ein|eine|mit|für|auf|Raum|Gerät|Geräte|verlassen|betreuen|Beratung|Ausweis|Formular|Zeile|Zeichen|Prüfung|geprüft|Sicherheitsmerkmale|Staat|Ausstellungsstaat|gespeichert|Anliegen|Wartet|Einwohner\/in)\b/g);
          return german ? [`German words: ${[...new Set(german)].join(', ')}`] : [];
        }
        """;
}
