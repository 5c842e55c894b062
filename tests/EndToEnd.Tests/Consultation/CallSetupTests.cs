using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// Issue 18, call set-up: the room pages connect while they load and the asking side prepares its call while the other
/// decides — and the resident's camera still opens only when they accept.
/// </summary>
public sealed class CallSetupTests(Browser browser) : IClassFixture<Browser>
{
    private const string Password = "Schalter-2026!";

    /// <summary>Counts what a page asks of the devices and how many peer connections it makes, and keeps the tracks.</summary>
    private const string DeviceProbe = """
        window.probe = { media: 0, peers: 0, tracks: [] };
        const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async constraints => {
          window.probe.media++;
          const stream = await open(constraints);
          window.probe.tracks.push(...stream.getTracks());
          return stream;
        };
        const Peer = window.RTCPeerConnection;
        window.RTCPeerConnection = class extends Peer {
          constructor(...args) { super(...args); window.probe.peers++; }
        };
        """;

    private sealed record Probe(int Media, int Peers, int LiveTracks);

    private static async Task<Probe> ProbeAsync(IPage page) => JsonSerializer.Deserialize<Probe>(await page.EvaluateAsync<string>(
        "() => JSON.stringify({ media: probe.media, peers: probe.peers, liveTracks: probe.tracks.filter(t => t.readyState === 'live').length })"),
        JsonSerializerOptions.Web)!;

    private static async Task<Probe> WaitForProbeAsync(IPage page, Func<Probe, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var probe = await ProbeAsync(page);
            if (condition(probe)) return probe;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: last {probe}");
            await Task.Delay(100);
        }
    }

    private static async Task WaitForConnectedAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var stats = await page.EvaluateAsync<string>("async () => JSON.stringify(await window.consultation.stats())");
            if (JsonSerializer.Deserialize<JsonElement>(stats).GetProperty("connectionState").GetString() == "connected") return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the call did not connect: {stats}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the page's call is connected and the other side's picture is decoded.</summary>
    private static async Task WaitForMediaAsync(IPage page, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var stats = JsonSerializer.Deserialize<JsonElement>(await page.EvaluateAsync<string>("async () => JSON.stringify(await window.consultation.stats())"));
            if (stats.GetProperty("connectionState").GetString() == "connected" && stats.GetProperty("framesDecoded").GetInt64() > 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: {stats}");
            await Task.Delay(200);
        }
    }

    private static async Task SignInAsync(IBrowserContext clerkParty)
    {
        var login = await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = Password } });
        Assert.True(login.Ok, $"staff sign-in failed: {login.Status}");
    }

    [Fact]
    public async Task The_residents_page_opens_its_hub_connection_while_its_modules_still_load()
    {
        var name = $"Frühe Verbindung {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var resident = await party.NewPageAsync();
        var negotiated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        resident.Request += (_, request) => { if (request.Url.Contains("/hubs/session/negotiate")) negotiated.TrySetResult(); };
        // One of the page's modules is held back: its code cannot run before it is in.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await resident.RouteAsync("**/shared/rtc.js", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await resident.GotoAsync($"/room.html#t={ticket.Token}", new() { WaitUntil = WaitUntilState.Commit });
        var first = await Task.WhenAny(negotiated.Task, Task.Delay(TimeSpan.FromSeconds(15)));
        release.TrySetResult();
        Assert.True(first == negotiated.Task, "the hub connection waited for the page's modules");

        // Once the module is in, the room works as ever.
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task The_clerk_is_told_whom_they_serve_and_can_ask_for_video_before_the_catalogue_answers()
    {
        var name = $"Ohne Katalog {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        await SignalingReplicas.SpreadAsync(residentParty, clerkParty);
        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 30_000 });

        // Booking's catalogue (the concern's and departments' names) does not answer yet.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await clerk.RouteAsync("**/api/booking/concerns", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await SignInAsync(clerkParty);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        try
        {
            await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync($"Sie betreuen {name}", new() { Timeout = 30_000 });
            // The concern's key stands in for its name meanwhile; the call does not wait for it.
            await Assertions.Expect(clerk.Locator("#concern")).ToHaveTextAsync("move");
            await clerk.Locator("#start-video").ClickAsync();
            await Assertions.Expect(resident.Locator("#accept-video")).ToBeVisibleAsync();
        }
        finally
        {
            release.TrySetResult();
        }
        // The names follow once the catalogue answers.
        await Assertions.Expect(clerk.Locator("#concern")).Not.ToHaveTextAsync("move");
        await Assertions.Expect(clerk.Locator("#transfer-department option")).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_asking_clerk_prepares_the_call_but_the_residents_camera_opens_only_when_they_accept()
    {
        var name = $"Erst Fragen {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        await SignalingReplicas.SpreadAsync(residentParty, clerkParty);
        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        await resident.AddInitScriptAsync(DeviceProbe);
        await clerk.AddInitScriptAsync(DeviceProbe);
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await SignInAsync(clerkParty);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync($"Sie betreuen {name}", new() { Timeout = 30_000 });

        // Asked: the clerk's side opens its own camera and makes its peer connection while the resident decides …
        await clerk.Locator("#start-video").ClickAsync();
        await Assertions.Expect(resident.Locator("#accept-video")).ToBeVisibleAsync();
        await WaitForProbeAsync(clerk, p => p.Media == 1 && p.Peers == 1 && p.LiveTracks == 2, "the clerk's call made ahead");
        // … and the resident's page has opened nothing and received no offer (it would make a peer connection for it).
        await Task.Delay(500);
        Assert.Equal(new Probe(0, 0, 0), await ProbeAsync(resident));

        // Declined: the clerk's camera and microphone go off again; the resident's were never on.
        await resident.Locator("#decline-video").ClickAsync();
        await Assertions.Expect(clerk.Locator("#call-state")).ToContainTextAsync("möchte im Chat bleiben");
        await WaitForProbeAsync(clerk, p => p.LiveTracks == 0, "the clerk's camera released after the decline");
        Assert.Equal(new Probe(0, 0, 0), await ProbeAsync(resident));

        // Asked again and accepted: now the resident's camera opens, once, and the call connects.
        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        await Task.WhenAll(WaitForConnectedAsync(clerk), WaitForConnectedAsync(resident));
        var residentProbe = await ProbeAsync(resident);
        Assert.Equal(1, residentProbe.Media);
        Assert.Equal(1, residentProbe.Peers);
        Assert.Equal(2, (await ProbeAsync(clerk)).Media);
    }

    [Fact]
    public async Task A_clerk_who_asks_for_video_before_the_resident_is_in_is_asked_for_again_when_the_resident_comes()
    {
        var name = $"Spät Dabei {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        await SignalingReplicas.SpreadAsync(residentParty, clerkParty);
        var clerk = await clerkParty.NewPageAsync();
        await SignInAsync(clerkParty);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        // The clerk takes the consultation and asks at once; the resident's page is not open yet.
        await Assertions.Expect(clerk.Locator("#resident-name")).ToHaveTextAsync(name, new() { Timeout = 60_000 });
        await Assertions.Expect(clerk.Locator("#status")).Not.ToContainTextAsync($"Sie betreuen {name}");
        await clerk.Locator("#start-video").ClickAsync();

        // The resident comes in and is asked; the call connects once they accept.
        var resident = await residentParty.NewPageAsync();
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await resident.Locator("#accept-video").ClickAsync(new() { Timeout = 30_000 });
        await Task.WhenAll(WaitForConnectedAsync(clerk), WaitForConnectedAsync(resident));
    }

    /// <summary>
    /// Room probe, 2026-12-06 (F8): a reload on either side during the video ended it ("Video beendet"), and it had to
    /// be asked for and accepted again. The page that comes back opens its camera again and the call is made anew: the
    /// clerk's page calls, the resident's page answers, nobody clicks and nobody is asked. A call ended on purpose does
    /// not come back with a reload.
    /// </summary>
    [Fact]
    public async Task A_reload_on_either_side_resumes_the_call_without_a_click_or_a_new_question()
    {
        var name = $"Neu Geladen {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        await SignalingReplicas.SpreadAsync(residentParty, clerkParty);
        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        // What the pages log, for a failure's message: which step of the resumption did not come.
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        resident.Console += (_, m) => console.Enqueue($"resident {m.Type}: {m.Text}");
        clerk.Console += (_, m) => console.Enqueue($"clerk {m.Type}: {m.Text}");
        async Task Resumed(IPage page, string what)
        {
            try
            {
                await WaitForProbeAsync(page, p => p.Peers >= 2, what);
            }
            catch (TimeoutException e)
            {
                var lines = await Task.WhenAll(new[] { clerk, resident }.Select(async p => $"{await p.Locator("#call-state").TextContentAsync()} | {await p.Locator("#notice").TextContentAsync()}"));
                throw new TimeoutException($"{e.Message}\nclerk/resident call lines: {string.Join(" // ", lines)}\n{string.Join("\n", console)}");
            }
        }
        // Init scripts run again in the reloaded document: each page's probe counts from its last load.
        await resident.AddInitScriptAsync(DeviceProbe);
        await clerk.AddInitScriptAsync(DeviceProbe);
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await SignInAsync(clerkParty);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync($"Sie betreuen {name}", new() { Timeout = 30_000 });
        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        await Task.WhenAll(WaitForMediaAsync(clerk, "the clerk sees the resident"), WaitForMediaAsync(resident, "the resident sees the clerk"));

        // The resident reloads: the clerk's page calls anew once the resident's page is back with its camera.
        await resident.ReloadAsync();
        await Resumed(clerk, "the clerk's page calling anew");
        await Task.WhenAll(WaitForMediaAsync(clerk, "after the resident's reload, at the clerk"), WaitForMediaAsync(resident, "after the resident's reload, at the resident"));
        await Assertions.Expect(resident.Locator("#videos")).ToBeVisibleAsync();
        await Assertions.Expect(resident.Locator("#mode-request")).ToBeHiddenAsync();
        await Assertions.Expect(clerk.Locator("#mode-request")).ToBeHiddenAsync();
        await Assertions.Expect(clerk.Locator("#start-video")).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(resident);

        // The clerk reloads: the resident's page opens its camera again and answers the new call.
        await clerk.ReloadAsync();
        await Resumed(resident, "the resident's page answering the clerk's new call");
        await Task.WhenAll(WaitForMediaAsync(clerk, "after the clerk's reload, at the clerk"), WaitForMediaAsync(resident, "after the clerk's reload, at the resident"));
        await Assertions.Expect(resident.Locator("#mode-request")).ToBeHiddenAsync();
        await Assertions.Expect(clerk.Locator("#mode-request")).ToBeHiddenAsync();
        // The camera was let go while the clerk's page was away and opened once again: one camera and one microphone on.
        Assert.Equal(2, (await ProbeAsync(resident)).LiveTracks);
        await Browser.AssertAccessibleAsync(clerk);

        // Ended on purpose: a reload afterwards opens no camera and starts no call.
        await clerk.Locator("#stop-video").ClickAsync();
        await Assertions.Expect(resident.Locator("#videos")).ToBeHiddenAsync();
        await resident.ReloadAsync();
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync("Sie sprechen mit", new() { Timeout = 30_000 });
        await Task.Delay(1500);
        Assert.Equal(new Probe(0, 0, 0), await ProbeAsync(resident));
        await Assertions.Expect(resident.Locator("#videos")).ToBeHiddenAsync();
        await Assertions.Expect(resident.Locator("#start-video")).ToBeVisibleAsync();
    }

    /// <summary>
    /// README "Known limits" (2026-12-06): with the room open on the laptop and the phone, a reload of the laptop that
    /// held the call did not resume it (its page saw a second device and left the call to it), and the phone, hearing the
    /// laptop's "yes" under the same name, opened its own camera. The call stays on the laptop: the phone opens nothing,
    /// and the laptop's reload takes the call up again there.
    /// </summary>
    [Fact]
    public async Task With_the_room_open_on_two_devices_a_reload_of_the_one_holding_the_call_resumes_it_there()
    {
        var name = $"Zwei Geraete {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var laptopParty = await browser.NewPartyAsync(Browser.Desktop);
        await using var phoneParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        await SignalingReplicas.SpreadAsync(laptopParty, clerkParty);
        var laptop = await laptopParty.NewPageAsync();
        var phone = await phoneParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        foreach (var (page, who) in new[] { (laptop, "laptop"), (phone, "phone"), (clerk, "clerk") })
        {
            page.Console += (_, m) => console.Enqueue($"{who} {m.Type}: {m.Text}");
            await page.AddInitScriptAsync(DeviceProbe);
        }
        async Task Resumed(string what)
        {
            try
            {
                await WaitForProbeAsync(clerk, p => p.Peers >= 2, what);
            }
            catch (TimeoutException e)
            {
                var lines = await Task.WhenAll(new[] { clerk, laptop, phone }.Select(async p => await p.Locator("#call-state").TextContentAsync()));
                throw new TimeoutException($"{e.Message}\nclerk/laptop/phone call lines: {string.Join(" // ", lines)}\n{string.Join("\n", console)}");
            }
        }
        await laptop.GotoAsync($"/room.html#t={ticket.Token}");
        await phone.GotoAsync($"/room.html#t={ticket.Token}");
        await SignInAsync(clerkParty);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync($"Sie betreuen {name}", new() { Timeout = 30_000 });
        await Assertions.Expect(phone.Locator("#status")).ToContainTextAsync("Sie sprechen mit", new() { Timeout = 30_000 });
        await clerk.Locator("#start-video").ClickAsync();
        await Assertions.Expect(phone.Locator("#mode-request")).ToBeVisibleAsync();
        await laptop.Locator("#accept-video").ClickAsync();
        await Task.WhenAll(WaitForMediaAsync(clerk, "the clerk sees the laptop"), WaitForMediaAsync(laptop, "the laptop sees the clerk"));
        // The phone heard the question and the laptop's answer: the question goes there too, and nothing opens.
        await Assertions.Expect(phone.Locator("#mode-request")).ToBeHiddenAsync();
        await Task.Delay(1000);
        Assert.Equal(new Probe(0, 0, 0), await ProbeAsync(phone));

        // The laptop reloads: its page takes the call up again, the clerk's page calls it anew, the phone stays out.
        await laptop.ReloadAsync();
        await Resumed("the clerk's page calling the reloaded laptop anew");
        await Task.WhenAll(WaitForMediaAsync(clerk, "after the laptop's reload, at the clerk"), WaitForMediaAsync(laptop, "after the laptop's reload, at the laptop"));
        await Assertions.Expect(laptop.Locator("#videos")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#videos")).ToBeHiddenAsync();
        Assert.Equal(new Probe(0, 0, 0), await ProbeAsync(phone));
        await Browser.AssertAccessibleAsync(laptop);
    }
}
