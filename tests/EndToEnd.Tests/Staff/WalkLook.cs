using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Languages;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// One stop of a walk, looked at as a person would: a full-page screenshot, then the page's language, no raw key, no
/// German text the language has its own words for (nor a common German word), nothing wider than the screen, no target
/// under 24 px, axe-core clean. Each fault is added to <paramref name="findings"/> with where it was seen.
/// </summary>
public static class WalkLook
{
    public static async Task AtAsync(IPage page, string language, string screenshot, string where, List<string> findings, params string[] moreChecks)
    {
        where = $"{where} ({new Uri(page.Url).AbsolutePath})";
        await Browser.ScreenshotAsync(page, screenshot);
        findings.AddRange((await page.EvaluateAsync<string[]>(PageSweepTests.Checks, new { language, easy = true })).Select(f => $"{where}: {f}"));
        foreach (var check in moreChecks.Prepend(PhoneWalkTests.Stumbles))
            findings.AddRange((await page.EvaluateAsync<string[]>(check, language)).Select(f => $"{where}: {f}"));
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
}
