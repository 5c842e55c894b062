using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Booking;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>
/// The staff pages on a 390 px phone in Italian and English, each with something in it: a clerk's queue with a
/// resident waiting and her appointments of the day with one booked, the residents' office's inbox and dossiers, and the
/// admin's log, statistics, accounts and services. On each page, beside the walk's look (<see cref="WalkLook"/>): no
/// button or link-button under 44 px high, no two controls on top of each other, no card value without its column's
/// name, no text cut off in its box nor in a closed list, the menu's link named as the page it opens. Screenshots as staff-phone-{language}-{step}.png.
/// </summary>
public sealed class StaffPhoneWalkTests(Browser browser) : IClassFixture<Browser>
{
    private const string Password = "Schalter-2026!";

    /// <summary>What a thumb and an eye find wrong on a phone that the walk's look does not.</summary>
    internal const string PhoneChecks = """
        () => {
          const findings = [];
          // Neither hidden nor clipped to a pixel for screen readers only (a table of cards keeps its head so).
          const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length) && getComputedStyle(el).visibility !== 'hidden'
            && !el.closest('.visually-hidden, [hidden]') && el.getBoundingClientRect().width > 1;
          const name = el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
          const controls = [...document.querySelectorAll('button, a.button, select, input:not([type=radio]):not([type=checkbox]):not([type=hidden]), textarea')].filter(visible);
          for (const el of controls) {
            if (!el.matches('button, a.button')) continue;
            const box = el.getBoundingClientRect();
            if (box.height < 43.5) findings.push(`button under 44 px: ${name(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
          }
          for (let i = 0; i < controls.length; i++) {
            const a = controls[i].getBoundingClientRect();
            for (let j = i + 1; j < controls.length; j++) {
              if (controls[i].contains(controls[j]) || controls[j].contains(controls[i])) continue;
              const b = controls[j].getBoundingClientRect();
              const x = Math.min(a.right, b.right) - Math.max(a.left, b.left), y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (x > 2 && y > 2) findings.push(`overlap: ${name(controls[i])} and ${name(controls[j])}`);
            }
          }
          for (const td of document.querySelectorAll('table.cards td')) {
            if (!visible(td) || !td.textContent.trim() || getComputedStyle(td).display === 'table-cell') continue;
            const label = td.dataset.label;
            if (!label && !td.querySelector('button, a')) findings.push(`card value without its name: "${td.textContent.trim().slice(0, 40)}"`);
          }
          for (const el of document.querySelectorAll('main *')) {
            if (!visible(el) || el.matches('input, select, textarea, table, .table-scroll, [tabindex]') || !el.childElementCount && !el.textContent.trim()) continue;
            const style = getComputedStyle(el);
            if (!['hidden', 'clip'].includes(style.overflowX) && style.textOverflow !== 'ellipsis') continue;
            if (el.scrollWidth > el.clientWidth + 1) findings.push(`cut off: ${name(el)} (${el.scrollWidth} px in ${el.clientWidth})`);
          }
          // The link followed is the page reached: its first word is in the page's heading ("Audit log" led to "Access log").
          // (The link's first word: the queue's link carries its count; the overview's hidden sign-in has a heading too.)
          const current = document.querySelector('nav [aria-current=page]'), heading = [...document.querySelectorAll('main h1')].find(visible);
          const word = current?.textContent.match(/\p{L}+/u)?.[0].toLocaleLowerCase();
          if (word && heading && !heading.textContent.toLocaleLowerCase().includes(word)) findings.push(`the link "${current.textContent.trim()}" leads to "${heading.textContent.trim()}"`);
          return [...new Set(findings)];
        }
        """;

    private const string PeriodsBroken = """
        () => [...document.querySelectorAll('#periods tbody th')].filter(th => {
          const range = document.createRange();
          range.selectNodeContents(th);
          return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
        }).map(th => th.textContent)
        """;

    [Theory]
    [InlineData("it", "it-CH")]
    [InlineData("en", "en-GB")]
    public async Task Staff_read_their_pages_on_a_phone_in_their_language(string language, string locale)
    {
        var findings = new List<string>();
        await using var adminSetup = await browser.NewPartyAsync(Browser.Desktop);
        var desk = await TestDesks.CreateAsync(adminSetup, $"spw-{Guid.NewGuid():N}"[..16], closedToday: false);
        await ConsultationTickets.TakeAsync("Giulia Attesa", desk.ConcernKey, Mailbox.UniqueAddress(), desk.DepartmentKey, language);
        using (var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) })
        {
            var slots = await http.GetFromJsonAsync<JsonElement>($"/api/booking/concerns/{desk.ConcernKey}/slots?days=1");
            var booked = await http.PostAsJsonAsync("/api/booking/appointments", new
            {
                concernKey = desk.ConcernKey, start = slots.GetProperty("slots")[0].GetProperty("start").GetString(),
                name = "Marco Appuntamento", email = Mailbox.UniqueAddress(), language,
            });
            Assert.True(booked.IsSuccessStatusCode, $"booking: {booked.StatusCode} {await booked.Content.ReadAsStringAsync()}");
        }

        await using (var clerkParty = await PartyAsync(language, locale, desk.ClerkUserName, desk.ClerkPassword))
        {
            var clerk = await clerkParty.NewPageAsync();
            await clerk.GotoAsync("/agent/queue.html");
            await Assertions.Expect(clerk.Locator("#rows")).ToContainTextAsync("Giulia Attesa", new() { Timeout = 15_000 });
            await LookAsync(clerk, language, "1-queue", findings);
            await clerk.GotoAsync("/agent/appointments.html");
            await Assertions.Expect(clerk.Locator("main")).ToContainTextAsync("Marco Appuntamento", new() { Timeout = 15_000 });
            await LookAsync(clerk, language, "2-appointments", findings);
        }

        await using (var officeParty = await PartyAsync(language, locale, "clerk.residents", Password))
        {
            var office = await officeParty.NewPageAsync();
            foreach (var (path, step) in new[] { ("/agent/inbox.html", "3-inbox"), ("/agent/dossiers.html", "4-dossiers") })
            {
                await office.GotoAsync(path);
                await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await LookAsync(office, language, step, findings);
            }
        }

        await using (var adminParty = await PartyAsync(language, locale, "admin", Password))
        {
            var admin = await adminParty.NewPageAsync();
            foreach (var (path, step) in new[]
            {
                ("/agent/", "5-home"), ("/agent/audit.html", "6-audit"), ("/agent/stats.html", "7-statistics"),
                ("/agent/admin-staff.html", "8-staff-accounts"), ("/agent/admin-booking.html", "9-booking-admin"),
            })
            {
                await admin.GotoAsync(path);
                await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await LookAsync(admin, language, step, findings);
                if (step == "7-statistics")
                {
                    // Each period's name on one line: "mar 10/11" in two made the four weeks' table twice as tall.
                    await Assertions.Expect(admin.Locator("#periods tbody th").First).ToBeVisibleAsync();
                    var broken = await admin.EvaluateAsync<string[]>(PeriodsBroken);
                    findings.AddRange(broken.Select(p => $"{step}: the period \"{p}\" is broken over two lines"));
                }
            }
        }

        Assert.True(findings.Count == 0, $"{findings.Count} findings in {language} on a 390 px phone:\n{string.Join("\n", findings)}");
    }

    private async Task<IBrowserContext> PartyAsync(string language, string locale, string userName, string password)
    {
        var party = await browser.NewPartyAsync(Browser.Phone, locale);
        await party.AddInitScriptAsync($"localStorage.setItem('lang', '{language}')");
        Assert.True((await party.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName, password } })).Ok, $"sign-in of {userName}");
        return party;
    }

    private static Task LookAsync(IPage page, string language, string step, List<string> findings) =>
        WalkLook.AtAsync(page, language, $"staff-phone-{language}-{step}", step, findings, PhoneChecks, WalkLook.ChosenFits);
}
