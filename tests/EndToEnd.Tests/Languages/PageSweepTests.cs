using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// Issue 17's "done when": every page, in every language, on a 390 px phone and on a desktop — the resident's pages
/// in all five languages, the staff pages (signed in as the role that opens them) in the four staff languages. On
/// each page: axe-core finds nothing serious or critical, the document is in the language and titled in it, no text
/// is a raw catalogue key or a German text the language has its own words for, and nothing scrolls sideways on the
/// phone. Every failure of a run is listed together; phone screenshots as sweep-{language}-{page}.png.
/// </summary>
public sealed class PageSweepTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly string[] CitizenPages =
    [
        "/", "/book.html?concern=move", "/book.html", "/queue.html", "/form.html", "/upload.html", "/dossier.html",
        "/manage.html", "/room.html", "/feedback.html", "/kiosk.html", "/no-such-page.html",
    ];

    private static readonly string[] ClerkPages =
        ["/agent/", "/agent/queue.html", "/agent/appointments.html", "/agent/inbox.html", "/agent/dossiers.html", "/agent/room.html", "/agent/no-such-page.html"];

    private static readonly string[] AdminPages =
        ["/agent/", "/agent/admin-staff.html", "/agent/admin-booking.html", "/agent/admin-kiosks.html", "/agent/audit.html", "/agent/stats.html"];

    public static TheoryData<string, string> Runs()
    {
        var runs = new TheoryData<string, string>();
        foreach (var language in new[] { "de", "en", "fr", "it", "de-x-ls" })
            foreach (var width in new[] { "phone", "desktop" })
                runs.Add(language, width);
        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Every_page_reads_well_in_the_language(string language, string width)
    {
        var viewport = width == "phone" ? Browser.Phone : Browser.Desktop;
        var failures = new List<string>();

        await using (var resident = await PartyAsync(viewport, language))
        {
            var page = await resident.NewPageAsync();
            foreach (var path in CitizenPages) await SweepAsync(page, path, language, width, failures);
        }

        // Leichte Sprache is written for residents: staff pages offer the four languages.
        if (language != "de-x-ls")
        {
            foreach (var (account, pages) in new[] { ("clerk.residents", ClerkPages), ("admin", AdminPages) })
            {
                await using var staff = await PartyAsync(viewport, language);
                var page = await staff.NewPageAsync();
                await SignInAsync(page, account);
                foreach (var path in pages) await SweepAsync(page, path, language, width, failures, account);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} findings in {language} on {width}:\n{string.Join("\n", failures)}");
    }

    private async Task<IBrowserContext> PartyAsync(ViewportSize viewport, string language)
    {
        var party = await browser.NewPartyAsync(viewport, language == "de-x-ls" ? "de-DE" : language);
        // The resident's choice, as the language switch stores it.
        await party.AddInitScriptAsync($"localStorage.setItem('lang', '{language}')");
        return party;
    }

    private static async Task SignInAsync(IPage page, string account)
    {
        await page.GotoAsync("/agent/");
        await page.Locator("#userName").FillAsync(account);
        await page.Locator("#password").FillAsync("Schalter-2026!");
        await page.Locator("#sign-in-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in")).ToBeHiddenAsync(new() { Timeout = 15_000 });
    }

    private static async Task SweepAsync(IPage page, string path, string language, string width, List<string> failures, string? account = null)
    {
        var where = account is null ? path : $"{path} ({account})";
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.Load);
        // Pages fill themselves from the APIs after loading; give them the moment a person would.
        await page.WaitForTimeoutAsync(700);

        var findings = await page.EvaluateAsync<string[]>(Checks, language);
        failures.AddRange(findings.Select(f => $"{where}: {f}"));

        if (width == "phone")
        {
            var overflow = await page.EvaluateAsync<string>(SidewaysOverflow);
            if (overflow.Length > 0) failures.Add($"{where}: scrolls sideways ({overflow})");
            var tables = await page.EvaluateAsync<string>(TableOverflow);
            if (tables.Length > 0) failures.Add($"{where}: a table scrolls sideways in its box ({tables})");
            var name = (account is null ? "" : account.Split('.')[0] + "-") + (path.Trim('/').Split('?')[0].Replace(".html", "").Replace('/', '-') is { Length: > 0 } p ? p : "home");
            await Browser.ScreenshotAsync(page, $"sweep-{language}-{name}");
        }

        try
        {
            await Browser.AssertAccessibleAsync(page);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            failures.Add($"{where}: {e.Message}");
        }
    }

    /// <summary>
    /// Runs in the page with the page's own i18n module (same URL, same module instance, so the catalogue holds every
    /// text the page registered): language, title, raw keys, German left in a page that has its own words.
    /// </summary>
    /// <summary>'' when the page does not scroll sideways, else the first elements reaching past its right edge.</summary>
    internal const string SidewaysOverflow = """
        () => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return '';
          return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(0, 3).map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`).join(', ') || 'page';
        }
        """;

    /// <summary>
    /// '' when every table fits its box, else the tables that scroll sideways inside it (allowed until 2026-12-07:
    /// "data tables are exempt from reflow"; staff lists are now cards on a phone). The statistics' tables of figures
    /// by period and concern (<c>data-wide</c>) keep their columns.
    /// </summary>
    internal const string TableOverflow = """
        () => [...document.querySelectorAll('table')]
          .filter(table => !table.closest('[data-wide]') && table.getBoundingClientRect().width > 0)
          .filter(table => table.scrollWidth > table.parentElement.clientWidth + 1)
          .slice(0, 3).map(table => `table#${table.id}.${table.className} (${table.scrollWidth} px in ${table.parentElement.clientWidth})`).join(', ')
        """;

    internal const string Checks = """
        async arg => {
          // { language, easy: true } also finds standard German where Leichte Sprache has its own words (PhoneWalkTests).
          const { language, easy } = typeof arg === 'string' ? { language: arg } : arg;
          const findings = [];
          const i18n = await import('/shared/i18n.js');
          const catalogue = i18n.catalogue();
          if (document.documentElement.lang !== language) findings.push(`html lang is ${document.documentElement.lang}`);
          const site = [i18n.t('site.name'), i18n.t('agent.name'), i18n.t('kiosk.brand')];
          if (!site.some(name => name && document.title.includes(name))) findings.push(`title "${document.title}" lacks the site's name in ${language}`);

          const keys = new Set(Object.values(catalogue).flatMap(texts => Object.keys(texts)));
          const own = catalogue[language] || {};
          const ownTexts = new Set(Object.values(own).map(text => text.trim()));
          const german = new Set(language === 'de' || (language === 'de-x-ls' && !easy) ? [] :
            Object.entries(catalogue.de).filter(([key, text]) => own[key] && own[key] !== text && text.length > 3).map(([, text]) => text.trim())
              .filter(text => !ownTexts.has(text)));
          const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length) && getComputedStyle(el).visibility !== 'hidden';
          const seen = new Set();
          const look = (text, what) => {
            text = (text || '').trim();
            if (!text || seen.has(what + text)) return;
            seen.add(what + text);
            if (keys.has(text) && !Object.values(catalogue).some(texts => Object.values(texts).includes(text))) findings.push(`raw key ${what}"${text}"`);
            else if (german.has(text)) findings.push(`German ${what}"${text}"`);
          };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement && visible(node.parentElement) && !node.parentElement.closest('script,style,[lang]:not(html)')) look(node.textContent, '');
          }
          for (const el of document.querySelectorAll('[aria-label],[placeholder],[title]')) {
            if (el.tagName === 'TITLE' || el.closest('[lang]:not(html)')) continue;
            look(el.getAttribute('aria-label'), 'aria-label ');
            look(el.getAttribute('placeholder'), 'placeholder ');
          }
          return findings;
        }
        """;
}
