using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Forms;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// Issue 16, item 12: the consultation as a resident walks it on a 390 px phone. The ID check tells them what to do
/// and how it ended, a shared screen can be seen large without the self-view over it, the hints go when they no
/// longer apply, and the dossier link opens beside the call instead of leaving it.
/// </summary>
public sealed class PhoneConsultationTests(Browser browser) : IClassFixture<Browser>
{
    static PhoneConsultationTests() => Assertions.SetDefaultExpectTimeout(60_000);

    [Fact]
    public async Task The_resident_on_a_phone_is_guided_through_the_id_check_sees_the_shared_screen_large_and_keeps_the_call()
    {
        await using var consultation = await ConsultationForm.OpenAsync(browser);
        var (resident, clerk) = (consultation.Resident, consultation.Clerk);

        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        await clerk.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });
        await resident.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });

        // The self-view sits below the clerk's video on a phone, not over it.
        await AssertApartAsync(resident);

        // The clerk starts the ID check: the resident is told to hold the document's MRZ side to the camera.
        var panel = clerk.Locator("#identity-panel-body");
        var hint = resident.Locator("#identity-hint");
        await Assertions.Expect(hint).ToBeHiddenAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Identitätsprüfung starten" }).ClickAsync();
        await Assertions.Expect(hint).ToContainTextAsync("Halten Sie ihn mit der Seite mit den zwei oder drei Zeilen");
        // The resident aims the document at their own camera: the self-view is shown as wide as the phone, below the clerk.
        await Assertions.Expect(resident.Locator("#videos")).ToHaveClassAsync(new Regex(@"\bid-check\b"));
        var selfView = (await resident.Locator("#local-video").BoundingBoxAsync())!;
        Assert.True(selfView.Width > 300, $"the self-view is {selfView.Width} px wide during the ID check");
        await AssertApartAsync(resident);
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await ShotAsync(resident, "phone-consultation-id-instruction");
        await Browser.AssertAccessibleAsync(resident);

        // The clerk decides; the resident learns the outcome (no data of the document) and the instruction is gone.
        await panel.GetByLabel("Identität abgelehnt").CheckAsync();
        await panel.GetByLabel("Begründung").FillAsync("Der Ausweis war im Video nicht lesbar.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" }).ClickAsync();
        await Assertions.Expect(hint).ToHaveTextAsync("Ihre Identität konnte nicht bestätigt werden. Die Sachbearbeitung sagt Ihnen, wie es weitergeht.");
        await Assertions.Expect(hint).Not.ToContainTextAsync("Halten Sie");
        await Assertions.Expect(hint).Not.ToContainTextAsync("lesbar");
        await Assertions.Expect(resident.Locator("#videos")).Not.ToHaveClassAsync(new Regex(@"\bid-check\b"));

        // The clerk shares the screen: the resident can show it large, the self-view out of the way.
        var enlarge = resident.Locator("#enlarge-screen");
        await Assertions.Expect(enlarge).ToBeHiddenAsync();
        await clerk.Locator("#share-screen").ClickAsync();
        await Assertions.Expect(enlarge).ToBeVisibleAsync();
        await Assertions.Expect(enlarge).ToHaveTextAsync("Geteilten Bildschirm groß anzeigen");
        await Assertions.Expect(resident.Locator("#local-video")).ToBeHiddenAsync();
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await ShotAsync(resident, "phone-consultation-shared-screen");
        await enlarge.ClickAsync();
        await Assertions.Expect(resident.Locator("#videos")).ToHaveClassAsync(new Regex(@"\benlarged\b"));
        await Assertions.Expect(enlarge).ToHaveAttributeAsync("aria-pressed", "true");
        // Upright, the 16:9 screen runs along the phone's length: its long side spans the 844 px height, not 390.
        var along = await resident.Locator("#remote-video").EvaluateAsync<int>("v => v.offsetWidth");
        Assert.True(along >= 800, $"the shared screen's long side is {along} px");
        await ShotAsync(resident, "phone-consultation-shared-screen-large");
        await Browser.AssertAccessibleAsync(resident);
        await enlarge.ClickAsync();
        await Assertions.Expect(resident.Locator("#videos")).Not.ToHaveClassAsync(new Regex(@"\benlarged\b"));

        // Sharing ends: the button that only applies to a shared screen goes, the self-view returns below the video.
        await clerk.Locator("#stop-screen").ClickAsync();
        await Assertions.Expect(enlarge).ToBeHiddenAsync();
        await Assertions.Expect(resident.Locator("#local-video")).ToBeVisibleAsync();
        await AssertApartAsync(resident);

        // The resident signs and submits; the dossier link opens in a new tab (and says so), the call stays.
        await FormPage.FillRegistrationAsync(resident, Mailbox.UniqueAddress());
        await FormPage.SignAsync(resident);
        await resident.Locator(".cf-sign button", new() { HasText = "Unterschreiben und einreichen" }).ClickAsync();
        var follow = resident.Locator(".cf-done a");
        await Assertions.Expect(follow).ToContainTextAsync("(öffnet in neuem Tab)", new() { Timeout = 30_000 });
        await Assertions.Expect(follow).ToHaveAttributeAsync("target", "_blank");
        var roomUrl = resident.Url;
        var opened = consultation.ResidentParty.WaitForPageAsync();
        await follow.ClickAsync();
        var dossier = await opened;
        await Assertions.Expect(dossier.Locator("h1")).ToContainTextAsync("Ihr Dossier");
        Assert.Equal(roomUrl, resident.Url);
        await Assertions.Expect(resident.Locator("#remote-video")).ToBeVisibleAsync();
        await follow.ScrollIntoViewIfNeededAsync();
        await ShotAsync(resident, "phone-consultation-submitted");
        await ShotAsync(dossier, "phone-consultation-dossier-tab");
        await Browser.AssertAccessibleAsync(resident);
    }

    [Fact]
    public async Task On_a_phone_every_hint_goes_or_changes_once_it_no_longer_applies()
    {
        // The resident's hub connection runs through a route the test can cut, as a phone losing its network would.
        var sockets = new List<IWebSocketRoute>();
        await using var room = await PhoneRoom.OpenAsync(browser, beforeJoin: page => page.RouteWebSocketAsync(new Regex("/hubs/session"), ws =>
        {
            ws.ConnectToServer();
            lock (sockets) sockets.Add(ws);
        }));
        var (resident, clerk) = (room.Resident, room.Clerk);
        var status = resident.Locator("#status");
        await Assertions.Expect(status).ToHaveTextAsync(new Regex("^Sie sprechen mit "));

        // The connection drops and comes back: "connected again" is said, then the line names the clerk again.
        IWebSocketRoute socket;
        lock (sockets) socket = sockets[^1];
        await socket.CloseAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Wieder verbunden.", new() { Timeout = 30_000 });
        await Assertions.Expect(status).ToHaveTextAsync(new Regex("^Sie sprechen mit "), new() { Timeout = 15_000 });

        // Video: "connected" is said, then goes; the call stays.
        await room.StartVideoAsync();
        var callState = resident.Locator("#call-state");
        await Assertions.Expect(callState).ToBeEmptyAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(resident.Locator("#remote-video")).ToBeVisibleAsync();
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await ShotAsync(resident, "phone-hints-01-call-settled");

        // The ID check: the instruction while it runs, the result once decided, then a short line that stays.
        var panel = clerk.Locator("#identity-panel-body");
        var hint = resident.Locator("#identity-hint");
        var outcome = resident.Locator("#identity-state");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Identitätsprüfung starten" }).ClickAsync();
        await Assertions.Expect(hint).ToContainTextAsync("Halten Sie ihn");
        await Assertions.Expect(hint).ToHaveAttributeAsync("role", "status");
        await Assertions.Expect(outcome).ToBeHiddenAsync();
        await panel.GetByLabel("Identität abgelehnt").CheckAsync();
        await panel.GetByLabel("Begründung").FillAsync("Der Ausweis ist abgelaufen.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" }).ClickAsync();
        await Assertions.Expect(hint).ToHaveTextAsync(new Regex("^Ihre Identität konnte nicht bestätigt werden"));
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await ShotAsync(resident, "phone-hints-02-id-result");
        await Assertions.Expect(hint).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(outcome).ToHaveTextAsync("Ausweis geprüft: Identität nicht bestätigt.");
        // Not a live region: the outcome collapsing is not announced a second time.
        Assert.Null(await outcome.GetAttributeAsync("role"));
        Assert.Null(await outcome.GetAttributeAsync("aria-live"));
        await ShotAsync(resident, "phone-hints-03-id-collapsed");
        await Browser.AssertAccessibleAsync(resident);

        // The clerk ends the video: "ended, the chat goes on" is said, then goes; the check's outcome stays.
        await clerk.Locator("#stop-video").ClickAsync();
        await Assertions.Expect(callState).ToHaveTextAsync("Video beendet. Der Chat läuft weiter.");
        await Assertions.Expect(callState).ToBeEmptyAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(outcome).ToBeVisibleAsync();
        await Assertions.Expect(status).ToHaveTextAsync(new Regex("^Sie sprechen mit "));
        await resident.Locator("#call").ScrollIntoViewIfNeededAsync();
        await ShotAsync(resident, "phone-hints-04-video-ended");
        await Browser.AssertAccessibleAsync(resident);
    }

    /// <summary>What the phone's screen shows (the full page of a consultation is five screens long).</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Browser.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, name + ".png") });
    }

    private static async Task AssertApartAsync(IPage resident)
    {
        var remote = (await resident.Locator("#remote-video").BoundingBoxAsync())!;
        var local = (await resident.Locator("#local-video").BoundingBoxAsync())!;
        Assert.True(local.Y >= remote.Y + remote.Height - 1, $"the self-view ({local.Y}) overlaps the remote video (ends at {remote.Y + remote.Height})");
    }
}
