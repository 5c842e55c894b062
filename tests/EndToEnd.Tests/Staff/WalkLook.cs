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
    /// <summary>
    /// A closed list shows its chosen line on one line, cut at the arrow: every choice of each visible list must fit
    /// (a 360 px phone showed "Donnerstag, 10. Dezember: 95 Zeiten frei" as "… 95 Zeiten fr"). The resident's lists are
    /// short and each choice must read whole; <see cref="ChosenFits"/> looks only at what a list shows.
    /// </summary>
    public static readonly string EveryChoiceFits = Fits("[...select.options]");

    /// <summary>The line each visible list shows fits it (a staff list of concerns may hold a name longer than a phone).</summary>
    public static readonly string ChosenFits = Fits("[...select.selectedOptions]");

    private static string Fits(string options) => """
        () => {
          const findings = [];
          const context = document.createElement('canvas').getContext('2d');
          for (const select of document.querySelectorAll('main select')) {
            if (!select.offsetWidth || select.closest('[hidden]')) continue;
            const style = getComputedStyle(select);
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            // Chromium draws the arrow inside the right padding: some 30 px are the arrow's.
            const room = select.clientWidth - parseFloat(style.paddingLeft) - 30;
            for (const option of OPTIONS) {
              const width = context.measureText(option.text).width;
              if (width > room) findings.push(`choice cut in #${select.id}: "${option.text}" (${Math.round(width)} px in ${Math.round(room)})`);
            }
          }
          return findings;
        }
        """.Replace("OPTIONS", options);

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
