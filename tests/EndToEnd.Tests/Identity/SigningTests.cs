using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Identity;

/// <summary>A resident signs a document by touch on a phone-sized screen.</summary>
public sealed class SigningTests(Browser browser) : IClassFixture<Browser>
{
    // The services answer within seconds when idle; a CI host running several suites may be far slower.
    static SigningTests() => Assertions.SetDefaultExpectTimeout(60_000);

    private static readonly string Content = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Anmeldung — Erika Mustermann")));

    [Fact]
    public async Task A_resident_signs_with_a_finger_on_a_phone()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await party.NewPageAsync();
        await page.GotoAsync($"/sign.html#c={Content}&p=Anmeldung%20Wohnsitz");
        await Assertions.Expect(page.Locator("#purpose")).ToHaveTextAsync("Anmeldung Wohnsitz");
        await Assertions.Expect(page.Locator("#hash")).ToHaveTextAsync(Content);
        await Browser.AssertAccessibleAsync(page);

        // Confirming an empty pad is refused with a message.
        await page.Locator("#confirm").ClickAsync();
        await Assertions.Expect(page.Locator("#pad-error")).ToBeVisibleAsync();

        var box = (await page.Locator("#pad").BoundingBoxAsync())!;
        Assert.True(box.Width <= 390 && box.Width > 300, $"pad is {box.Width}px wide on a 390px phone");
        await DrawAsync(page, box, [(0.1, 0.7), (0.25, 0.3), (0.4, 0.7), (0.55, 0.3), (0.7, 0.7)]);
        await DrawAsync(page, box, [(0.75, 0.5), (0.9, 0.5)]);
        await Assertions.Expect(page.Locator("#pad-error")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "identity-sign-phone");

        var signed = page.EvaluateAsync<JsonElement>("() => new Promise(r => document.addEventListener('signed', e => r(e.detail), { once: true }))");
        await page.Locator("#confirm").ClickAsync();
        var signature = await signed;
        Assert.Equal(Content, signature.GetProperty("contentSha256").GetString());
        Assert.Equal(2, signature.GetProperty("strokes").GetArrayLength());
        Assert.Equal("touch", signature.GetProperty("strokes")[0].GetProperty("pointerType").GetString());
        Assert.True(signature.GetProperty("strokes")[0].GetProperty("points").GetArrayLength() >= 5);
        Assert.StartsWith("data:image/png;base64,", signature.GetProperty("image").GetString());

        await Assertions.Expect(page.Locator("#done")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#done-text")).ToContainTextAsync("2 Striche");
        await Assertions.Expect(page.Locator("#done-image")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "identity-signed-phone");
    }

    [Fact]
    public async Task Without_a_token_a_keyboard_user_signs_with_the_typed_name()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone, "fr-CH");
        var page = await party.NewPageAsync();
        await page.GotoAsync($"/sign.html#c={Content}&p=Inscription");
        // No code without a consultation, so the help does not send keyboard users to it: it names the typed signature.
        await Assertions.Expect(page.Locator("#pad-help")).ToHaveTextAsync("Signez dans le cadre. Au clavier, saisissez votre nom ci-dessous.");
        await Assertions.Expect(page.Locator("#tan-request")).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(page);

        var signed = page.EvaluateAsync<JsonElement>("() => new Promise(r => document.addEventListener('signed', e => r(e.detail), { once: true }))");
        await page.GetByLabel("Vos prénom et nom en guise de signature").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#typed-error")).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync("Chiara Muster");
        await page.Keyboard.PressAsync("Enter");
        var signature = await signed;
        Assert.Equal("typed", signature.GetProperty("method").GetString());
        Assert.Equal("Chiara Muster", signature.GetProperty("name").GetString());
        Assert.Equal(Content, signature.GetProperty("contentSha256").GetString());
        await Assertions.Expect(page.Locator("#done-text")).ToHaveTextAsync("Vous avez signé « Inscription » avec votre nom « Chiara Muster ».");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "identity-signed-typed-phone");
    }

    [Fact]
    public async Task Without_a_document_the_page_says_so_in_english_too()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone, "en-GB");
        var page = await party.NewPageAsync();
        await page.GotoAsync("/sign.html");
        await Assertions.Expect(page.Locator("#missing")).ToHaveTextAsync("This link names no document to sign.");
        await Assertions.Expect(page.Locator("#signing")).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_resident_in_a_consultation_signs_with_a_tan_sent_by_mail()
    {
        // A resident's code goes only to the address the city holds for them: the one given with the ticket.
        var address = Mailbox.UniqueAddress();
        var ticket = await ConsultationTickets.TakeAsync("Erika Mustermann", email: address);
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await party.NewPageAsync();
        // Opening the room link makes the token a consultation's; the signing page then offers the code.
        await page.GotoAsync($"/room.html#t={ticket.Token}");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Erika Mustermann", new() { Timeout = 60_000 });
        await page.GotoAsync($"/sign.html#t={ticket.Token}&c={Content}&p=Anmeldung");

        await page.GetByLabel("E-Mail-Adresse").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Code senden" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tan-sent")).ToContainTextAsync("r***@example.org");
        var mail = (await Mailbox.WaitForAsync(address)).Single();
        var code = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"\b[0-9]{6}\b").Value;

        await page.GetByLabel("Code (6 Ziffern)").FillAsync(code == "000000" ? "000001" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mit Code unterschreiben" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tan-error")).ToHaveTextAsync("Falscher Code. Noch 2 Versuch(e).");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "identity-tan-phone");

        await page.GetByLabel("Code (6 Ziffern)").FillAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#done-text")).ToContainTextAsync("mit dem Code bestätigt");
    }

    /// <summary>One stroke as a finger draws it: touch pointer events through the DevTools protocol.</summary>
    private static async Task DrawAsync(IPage page, LocatorBoundingBoxResult box, (double X, double Y)[] path)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        object Point((double X, double Y) p) => new { x = box.X + box.Width * p.X, y = box.Y + box.Height * p.Y };
        await session.SendAsync("Input.dispatchTouchEvent", new() { ["type"] = "touchStart", ["touchPoints"] = new[] { Point(path[0]) } });
        for (var i = 1; i < path.Length; i++)
        {
            var (from, to) = (path[i - 1], path[i]);
            for (var step = 1; step <= 4; step++)
            {
                var p = (from.X + (to.X - from.X) * step / 4, from.Y + (to.Y - from.Y) * step / 4);
                await session.SendAsync("Input.dispatchTouchEvent", new() { ["type"] = "touchMove", ["touchPoints"] = new[] { Point(p) } });
            }
        }
        await session.SendAsync("Input.dispatchTouchEvent", new() { ["type"] = "touchEnd", ["touchPoints"] = Array.Empty<object>() });
        await session.DetachAsync();
    }
}
