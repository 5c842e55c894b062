using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Forms;

/// <summary>
/// Issue 15 item 2: the one signature pad (shared/signing.js) on the real form page. A finger signs on a 390 px phone
/// without moving the page, and the signature covers exactly the content it was drawn over: a change after the
/// first stroke (typed here or in another window on the same link) clears the pad, and the resident signs again.
/// </summary>
public sealed class SigningTests(Browser browser) : IClassFixture<Browser>
{
    // The services answer within seconds when idle; a CI host running several suites may be far slower.
    static SigningTests() => Assertions.SetDefaultExpectTimeout(30_000);

    private const string Invalidated = "Die Angaben wurden nach der Unterschrift geändert: Bitte erneut unterschreiben.";

    [Fact]
    public async Task A_resident_signs_with_a_finger_on_a_phone_over_the_content_shown()
    {
        await using var resident = await browser.NewPartyAsync(Browser.Phone);
        var page = await resident.NewPageAsync();
        await FormPage.StartRegistrationAsync(page);
        await FormPage.FillRegistrationAsync(page, Mailbox.UniqueAddress());
        await FormPage.SavedAsync(page);

        // An empty pad is refused with a message.
        await page.Locator(".cf-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".cf-sign-status")).ToHaveTextAsync("Bitte zuerst im Feld unterschreiben.");

        var pad = page.Locator("canvas.cf-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        Assert.Equal("none", await pad.EvaluateAsync<string>("c => getComputedStyle(c).touchAction"));
        var box = (await pad.BoundingBoxAsync())!;
        Assert.True(box.Width <= 390 && box.Width > 300, $"pad is {box.Width}px wide on a 390px phone");
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        await DrawAsync(page, box, [(0.1, 0.7), (0.25, 0.3), (0.4, 0.7), (0.55, 0.3), (0.7, 0.7)]);
        await DrawAsync(page, box, [(0.75, 0.5), (0.9, 0.5)]);
        // Drawing never scrolls the page under the finger.
        Assert.Equal(scrolled, await page.EvaluateAsync<double>("() => window.scrollY"));
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "forms-sign-touch-phone");

        var shown = await DraftHashAsync(page);
        var request = page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/submit", StringComparison.Ordinal));
        await page.Locator(".cf-submit").ClickAsync();
        var body = JsonDocument.Parse((await request).PostData!).RootElement;
        Assert.Equal(shown, body.GetProperty("contentSha256").GetString());
        var signature = body.GetProperty("signature");
        Assert.Equal("drawn", signature.GetProperty("kind").GetString());
        Assert.Equal(shown, signature.GetProperty("contentSha256").GetString());
        Assert.StartsWith("data:image/png;base64,", signature.GetProperty("image").GetString());
        var strokes = signature.GetProperty("strokes");
        Assert.Equal(2, strokes.GetArrayLength());
        Assert.Equal("touch", strokes[0].GetProperty("pointerType").GetString());
        Assert.True(strokes[0].GetProperty("points").GetArrayLength() >= 5);
        Assert.True(strokes[0].GetProperty("points")[0].TryGetProperty("p", out _), "the pad records the pressure of each point");

        await Assertions.Expect(page.Locator(".cf-done")).ToContainTextAsync(new Regex("F-[0-9]{4}-[A-Z2-9]{6}"));
        await Browser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_change_after_signing_clears_the_pad_and_the_resident_signs_again()
    {
        await using var resident = await browser.NewPartyAsync(Browser.Phone);
        var page = await resident.NewPageAsync();
        var link = await FormPage.StartRegistrationAsync(page);
        await FormPage.FillRegistrationAsync(page, Mailbox.UniqueAddress());
        await FormPage.SavedAsync(page);
        var status = page.Locator(".cf-sign-status");

        // The resident signs, then changes a field: the signature no longer covers what is there.
        await FormPage.SignAsync(page);
        await FormPage.Field(page, "landlord").FillAsync("Stadtwohnungen AG, Verwaltung");
        await Assertions.Expect(status).ToHaveTextAsync(Invalidated);
        await page.Locator(".cf-submit").ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Bitte zuerst im Feld unterschreiben.");
        await FormPage.SavedAsync(page);

        // Signed again; then a second window on the same link (as the clerk in a consultation) changes a field.
        await FormPage.SignAsync(page);
        await Assertions.Expect(status).ToBeEmptyAsync();
        var other = await resident.NewPageAsync();
        await other.GotoAsync(link);
        await Assertions.Expect(FormPage.Field(other, "landlord")).ToHaveValueAsync("Stadtwohnungen AG, Verwaltung");
        await FormPage.Field(other, "landlord").FillAsync("Wohnbau Genossenschaft");
        await FormPage.SavedAsync(other);
        await Assertions.Expect(FormPage.Field(page, "landlord")).ToHaveValueAsync("Wohnbau Genossenschaft");
        await Assertions.Expect(status).ToHaveTextAsync(Invalidated);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "forms-sign-invalidated-phone");

        // Signed over the changed content, the form is submitted with that content's hash.
        await FormPage.SignAsync(page);
        var current = await DraftHashAsync(page);
        var request = page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/submit", StringComparison.Ordinal));
        await page.Locator(".cf-submit").ClickAsync();
        Assert.Equal(current, JsonDocument.Parse((await request).PostData!).RootElement.GetProperty("contentSha256").GetString());
        await Assertions.Expect(page.Locator(".cf-done")).ToContainTextAsync(new Regex("F-[0-9]{4}-[A-Z2-9]{6}"));
    }

    /// <summary>
    /// A tap right after a quick stroke on the pad is a click. Chromium read the stroke's end as a fling, though the pad
    /// has <c>touch-action: none</c>, and swallowed the click of the next tap within about half a second, as it does
    /// with a tap that stops a scroll: "sign and submit" tapped right after signing did nothing (the phone walk's lost
    /// tap). Twenty strokes, each followed at once by a tap on "clear", then the real thing on "sign and submit".
    /// </summary>
    [Fact]
    public async Task A_tap_right_after_a_stroke_with_a_finger_is_a_click()
    {
        await using var resident = await browser.NewPartyAsync(Browser.Phone);
        var page = await resident.NewPageAsync();
        await FormPage.StartRegistrationAsync(page);
        await FormPage.FillRegistrationAsync(page, Mailbox.UniqueAddress());
        await FormPage.SavedAsync(page);
        var pad = page.Locator("canvas.cf-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        (double X, double Y)[] signature = [(0.1, 0.7), (0.25, 0.3), (0.4, 0.7), (0.55, 0.3), (0.7, 0.7), (0.85, 0.4)];
        await page.EvaluateAsync("() => document.querySelector('.cf-clear').addEventListener('click', () => window.clears = (window.clears ?? 0) + 1)");

        const int taps = 20;
        var lost = 0;
        for (var i = 0; i < taps; i++)
        {
            await page.EvaluateAsync("() => window.clears = 0");
            await DrawAsync(page, (await pad.BoundingBoxAsync())!, signature);
            await page.Locator(".cf-clear").TapAsync();
            try
            {
                await page.WaitForFunctionAsync("() => window.clears > 0", null, new() { Timeout = 2_000 });
            }
            catch (TimeoutException)
            {
                lost++;
            }
        }
        Assert.True(lost == 0, $"{lost} of {taps} taps on 'clear' right after a stroke made no click");

        await DrawAsync(page, (await pad.BoundingBoxAsync())!, signature);
        await page.Locator(".cf-submit").TapAsync();
        await Assertions.Expect(page.Locator(".cf-done")).ToContainTextAsync(new Regex("F-[0-9]{4}-[A-Z2-9]{6}"), new() { Timeout = 15_000 });
    }

    /// <summary>The draft's content hash as the forms service computes it now.</summary>
    private static Task<string> DraftHashAsync(IPage page) => page.EvaluateAsync<string>("""
        async () => {
          const link = new URLSearchParams(location.hash.slice(1));
          const response = await fetch(`/api/forms/drafts/${link.get('d')}`, { headers: { Accept: 'application/json', 'X-Resident-Token': link.get('t') } });
          return (await response.json()).contentSha256;
        }
        """);

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
