using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Forms;

/// <summary>Drives citizen/form.html: field ids are "f-" plus the field id with dots as dashes.</summary>
internal static class FormPage
{
    public static ILocator Field(IPage page, string field) => page.Locator("#f-" + field.Replace('.', '-'));

    public static string Today(int plusDays = 0) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich")).DateTime).AddDays(plusDays).ToString("yyyy-MM-dd");

    /// <summary>Starts a registration of residence alone and returns the draft link (with its token in the fragment).</summary>
    public static async Task<string> StartRegistrationAsync(IPage page)
    {
        await WaitForDraftAsync(page, () => page.GotoAsync("/form.html#f=residence-registration"));
        await Assertions.Expect(Field(page, "landlord")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return await page.EvaluateAsync<string>("() => location.href");
    }

    /// <summary>
    /// Does what starts a draft (opening a form's link or clicking it in the list) and waits for the page to hold the
    /// draft's link. The first draft after a cold start (twice the processes on two cores in the replica stage) can
    /// take a while; when it never comes, the failure says what the page showed and what the form API answered.
    /// </summary>
    public static async Task WaitForDraftAsync(IPage page, Func<Task> start)
    {
        var clock = Stopwatch.StartNew();
        var seen = new ConcurrentQueue<string>();
        void Requested(object? _, IRequest r) { if (r.Url.Contains("/api/")) seen.Enqueue($"{clock.ElapsedMilliseconds} ms → {r.Method} {new Uri(r.Url).AbsolutePath}"); }
        void Answered(object? _, IResponse r) { if (r.Url.Contains("/api/")) seen.Enqueue($"{clock.ElapsedMilliseconds} ms ← {r.Status} {new Uri(r.Url).AbsolutePath}"); }
        void Failed(object? _, IRequest r) => seen.Enqueue($"{clock.ElapsedMilliseconds} ms ✗ {r.Method} {r.Url}: {r.Failure}");
        void Logged(object? _, IConsoleMessage m) { if (m.Type is "error" or "warning") seen.Enqueue($"{clock.ElapsedMilliseconds} ms console {m.Type}: {m.Text}"); }
        page.Request += Requested;
        page.Response += Answered;
        page.RequestFailed += Failed;
        page.Console += Logged;
        try
        {
            await start();
            // The page's own location, not Playwright's idea of the URL: a history.replaceState made while the page
            // was still loading (a quick first draft) is not seen by WaitForURL, which then waits for ever (CI, 2026-12-02).
            await page.WaitForFunctionAsync("() => location.hash.includes('d=') && location.hash.includes('&t=')", null, new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            var shown = await page.Locator("#error").IsVisibleAsync() ? await page.Locator("#error").TextContentAsync() : "(no error shown)";
            await Browser.ScreenshotAsync(page, $"failed-draft-{DateTime.UtcNow:HHmmss}");
            throw new TimeoutException($"No draft within 60 s at {page.Url}; the page shows {shown}; seen: {string.Join(" | ", seen)}");
        }
        finally
        {
            page.Request -= Requested;
            page.Response -= Answered;
            page.RequestFailed -= Failed;
            page.Console -= Logged;
        }
    }

    public static async Task FillRegistrationAsync(IPage page, string email)
    {
        await Field(page, "applicant.officialName").FillAsync("Muster");
        await Field(page, "applicant.firstName").FillAsync("Anna");
        await Field(page, "applicant.sex").SelectOptionAsync("2");
        await Field(page, "applicant.dateOfBirth").FillAsync("1990-05-17");
        await Field(page, "applicant.nationality").SelectOptionAsync("CH");
        await Field(page, "moveInDate").FillAsync(Today(3));
        await Field(page, "residenceType").SelectOptionAsync("main");
        await Field(page, "newAddress.street").FillAsync("Marktgasse");
        await Field(page, "newAddress.houseNumber").FillAsync("12");
        await Field(page, "newAddress.swissZipCode").FillAsync("8400");
        await Field(page, "newAddress.town").FillAsync("Winterthur");
        await Field(page, "previousAddress.street").FillAsync("Hauptstrasse");
        await Field(page, "previousAddress.houseNumber").FillAsync("1");
        await Field(page, "previousAddress.countryIso2").SelectOptionAsync("DE");
        await Field(page, "previousAddress.foreignZipCode").FillAsync("10115");
        await Field(page, "previousAddress.town").FillAsync("Berlin");
        await Field(page, "landlord").FillAsync("Stadtwohnungen AG");
        await Field(page, "email").FillAsync(email);
        await Field(page, "truthful").CheckAsync();
    }

    public static async Task SignAsync(IPage page)
    {
        var pad = page.Locator("canvas.cf-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.1f, box.Y + box.Height * 0.7f);
        await page.Mouse.DownAsync();
        foreach (var (x, y) in new[] { (0.25f, 0.3f), (0.4f, 0.7f), (0.55f, 0.3f), (0.7f, 0.7f), (0.85f, 0.4f) })
            await page.Mouse.MoveAsync(box.X + box.Width * x, box.Y + box.Height * y, new() { Steps = 4 });
        await page.Mouse.UpAsync();
    }

    /// <summary>Waits until the page says every edit is stored.</summary>
    public static Task SavedAsync(IPage page) =>
        Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Gespeichert|Saved"), new() { Timeout = 10_000 });
}
