using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>
/// Issue 16 item 10 on a phone: being called changes the tab title, chimes, vibrates and notifies; a missed call
/// offers to queue again with one press, and the clerk waiting in the room is told that the resident missed it.
/// </summary>
public sealed class CalledAlertTests(Browser browser) : IClassFixture<Browser>
{
    // What the page asked the device to do, recorded where the device's own APIs begin (speaker, motor, system tray).
    private const string Recorder = """
        window.__signals = { chimes: 0, vibrations: [], notifications: [] };
        const oscillator = AudioContext.prototype.createOscillator;
        AudioContext.prototype.createOscillator = function () { window.__signals.chimes++; return oscillator.call(this); };
        navigator.vibrate = pattern => { window.__signals.vibrations.push(pattern); return true; };
        if (window.Notification) {
          const Native = window.Notification;
          window.Notification = class extends Native {
            constructor(title, options) { window.__signals.notifications.push(title); super(title, options); }
          };
        }
        """;

    private sealed record Signals(int Chimes, JsonElement[] Vibrations, string[] Notifications);

    [Fact]
    public async Task A_called_resident_is_alerted_a_missed_call_can_be_queued_again_and_the_clerk_is_told()
    {
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        // A desk of this run's own: the test ends with the resident queued again, and the replica stage runs it a second
        // time on the same data, where "first in line" must hold again.
        var desk = await TestDesks.CreateAsync(adminParty, $"e2e-call-desk-{Guid.NewGuid():N}"[..20], closedToday: false);

        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await residentParty.AddInitScriptAsync(Recorder);
        var resident = await residentParty.NewPageAsync();
        await resident.GotoAsync($"/queue.html?concern={desk.ConcernKey}");
        await Assertions.Expect(resident.Locator("#join")).ToBeVisibleAsync(new() { Timeout = 15000 });
        var name = $"Called Resident {Random.Shared.Next(1000, 9999)}";
        await resident.GetByLabel("Ihr Name").FillAsync(name);
        await resident.GetByRole(AriaRole.Button, new() { Name = "In die Warteschlange" }).ClickAsync();

        // The waiting card names the concern and, first in line, says "you are next" instead of a guess in minutes.
        await Assertions.Expect(resident.Locator("#waiting")).ToContainTextAsync("Anliegen: Testanliegen");
        await Assertions.Expect(resident.Locator("#position")).ToHaveTextAsync("1");
        await Assertions.Expect(resident.Locator("#estimate")).ToHaveTextAsync("Sie sind als Nächstes an der Reihe.");
        // Position and estimate sit in a polite live region that the two-second poll leaves alone while they stay the same,
        // so a screen reader hears each change once and not the same text again and again.
        Assert.Equal("polite", await resident.EvaluateAsync<string?>("() => document.getElementById('position').closest('[aria-live]')?.getAttribute('aria-live')"));
        await resident.EvaluateAsync("""
            () => { window.__rewrites = 0; new MutationObserver(records => window.__rewrites += records.length)
              .observe(document.getElementById('position').closest('[aria-live]'), { childList: true, characterData: true, subtree: true }); }
            """);
        await resident.WaitForTimeoutAsync(4500);
        Assert.Equal(0, await resident.EvaluateAsync<int>("() => window.__rewrites"));
        var notify = resident.GetByRole(AriaRole.Button, new() { Name = "Benachrichtigen, wenn ich an der Reihe bin" });
        // The page offers to notify only while the browser has not decided yet (headless Chromium may answer "denied").
        if (await resident.EvaluateAsync<string>("() => Notification.permission") == "default")
        {
            await Assertions.Expect(notify).ToBeVisibleAsync();
            // The resident says yes to the browser's question (the question itself is the browser's, not the page's).
            await residentParty.GrantPermissionsAsync(["notifications"]);
            await notify.ClickAsync();
        }
        else
        {
            await residentParty.GrantPermissionsAsync(["notifications"]);
        }
        await Assertions.Expect(notify).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(resident);
        await Browser.ScreenshotAsync(resident, "called-01-waiting-phone");
        Assert.Equal("granted", await resident.EvaluateAsync<string>("() => Notification.permission"));

        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = desk.ClerkUserName, password = desk.ClerkPassword } })).Ok);
        var clerk = await clerkParty.NewPageAsync();
        // Every staff page's "queue" link counts who waits for the clerk's concerns (the staff probe's clerk in the inbox saw nobody).
        await clerk.GotoAsync("/agent/inbox.html");
        await Assertions.Expect(clerk.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Warteschlange\s?\(1 wartend\)$") })).ToBeVisibleAsync(new() { Timeout = 20000 });
        await Browser.AssertAccessibleAsync(clerk);
        await clerk.GotoAsync("/agent/queue.html");
        await Assertions.Expect(clerk.Locator("#rows")).ToContainTextAsync(name, new() { Timeout = 15000 });
        Assert.Null(await ClerkQueue.TakeNextAsync(clerk));
        Assert.Contains("/agent/room.html?ticket=", clerk.Url);
        await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync($"{name} ist noch nicht im Raum", new() { Timeout = 15000 });

        // Called: hard to miss.
        await Assertions.Expect(resident.Locator("#called")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(resident).ToHaveTitleAsync(new Regex("^🔔 Sie sind an der Reihe!"));
        var signals = JsonSerializer.Deserialize<Signals>(await resident.EvaluateAsync<string>("() => JSON.stringify(window.__signals)"), JsonSerializerOptions.Web)!;
        Assert.True(signals.Chimes >= 2, $"chime oscillators: {signals.Chimes}");
        Assert.Single(signals.Vibrations);
        Assert.Equal(["Sie sind an der Reihe!"], signals.Notifications);
        await Browser.ScreenshotAsync(resident, "called-02-called-phone");
        // The call takes the focus once; a resident who then moves elsewhere is not pulled back by the next polls.
        Assert.Equal("room-link", await resident.EvaluateAsync<string>("() => document.activeElement.id"));
        await resident.Locator("select[data-language-switch]").FocusAsync();
        await resident.WaitForTimeoutAsync(4500);
        Assert.True(await resident.EvaluateAsync<bool>("() => document.activeElement.matches('select[data-language-switch]')"));

        // The resident does not come in: after the call's time (shortened for the tests) the call is missed.
        await Assertions.Expect(resident.Locator("#ended")).ToContainTextAsync("nicht eingetreten", new() { Timeout = 120_000 });
        var requeue = resident.GetByRole(AriaRole.Button, new() { Name = "Erneut einreihen" });
        await Assertions.Expect(requeue).ToBeVisibleAsync();
        await Assertions.Expect(resident).Not.ToHaveTitleAsync(new Regex("^🔔"));
        await Browser.AssertAccessibleAsync(resident);
        await Browser.ScreenshotAsync(resident, "called-03-missed-phone");
        await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync($"{name} hat den Aufruf verpasst", new() { Timeout = 30_000 });
        await Assertions.Expect(clerk.Locator("#status")).Not.ToContainTextAsync("noch nicht im Raum");
        await Browser.ScreenshotAsync(clerk, "called-04-clerk-told-missed");

        // One press queues the same concern and name again.
        await requeue.ClickAsync();
        await Assertions.Expect(resident.Locator("#waiting")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(resident.Locator("#waiting")).ToContainTextAsync("Anliegen: Testanliegen");
        await Assertions.Expect(resident.Locator("#position")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        await clerk.GotoAsync("/agent/queue.html");
        await Assertions.Expect(clerk.Locator("#rows")).ToContainTextAsync(name, new() { Timeout = 15000 });
    }
}
