using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// Issue 16 item 7 (Lugano's "speak"): a device check before the call, a call with sound only, and microphone and
/// camera switches on both sides, each side seeing the other's state.
/// </summary>
public sealed class SpeakWithoutVideoTests(Browser browser) : IClassFixture<Browser>
{
    private sealed record Stats(string ConnectionState, long FramesDecoded, long AudioPacketsReceived, int FrameWidth, int FrameHeight);

    private static async Task<Stats> StatsAsync(IPage page) =>
        JsonSerializer.Deserialize<Stats>(await page.EvaluateAsync<string>("async () => JSON.stringify(await window.consultation.stats())"), JsonSerializerOptions.Web)!;

    private static async Task<Stats> WaitForStatsAsync(IPage page, Func<Stats, bool> condition, string what, int seconds = 25)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var stats = await StatsAsync(page);
            if (condition(stats)) return stats;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: last stats {stats}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Resident_checks_the_devices_then_speaks_without_video_and_both_sides_mute_and_switch_the_camera()
    {
        var name = $"Luca Audio {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        clerk.Dialog += (_, dialog) => dialog.AcceptAsync();
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 20000 });
        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } })).Ok);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync("Sie sprechen mit", new() { Timeout = 30_000 });

        // Before the call: the resident sees their picture, hears themselves on the level bar and can pick devices.
        await resident.GetByRole(AriaRole.Button, new() { Name = "Kamera und Mikrofon prüfen" }).ClickAsync();
        var check = resident.Locator(".dc-panel");
        await Assertions.Expect(check).ToBeVisibleAsync();
        await Assertions.Expect(check.Locator(".dc-hint")).ToHaveTextAsync("Das Mikrofon hört Sie.", new() { Timeout = 15000 });
        Assert.True(await check.Locator("video").EvaluateAsync<int>("v => v.videoWidth") > 0);
        Assert.True(await check.GetByLabel("Mikrofon").Locator("option").CountAsync() >= 1);
        Assert.True(await check.GetByLabel("Kamera").Locator("option").CountAsync() >= 1);
        Assert.True(await resident.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the check is wider than the phone");
        await Browser.AssertAccessibleAsync(resident);
        await Browser.ScreenshotAsync(resident, "speak-01-device-check-phone");
        await check.GetByRole(AriaRole.Button, new() { Name = "Prüfung beenden" }).ClickAsync();
        await Assertions.Expect(check).ToBeHiddenAsync();

        // Speak without video: the resident asks, the clerk accepts with sound only; sound flows, no picture either way.
        await resident.GetByRole(AriaRole.Button, new() { Name = "Ohne Video sprechen" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Nur mit Ton annehmen" }).ClickAsync();
        await WaitForStatsAsync(clerk, s => s.ConnectionState == "connected" && s.AudioPacketsReceived > 20, "clerk hears the resident");
        await WaitForStatsAsync(resident, s => s.ConnectionState == "connected" && s.AudioPacketsReceived > 20, "resident hears the clerk");
        Assert.Equal(0, (await StatsAsync(clerk)).FramesDecoded);
        Assert.Equal(0, (await StatsAsync(resident)).FramesDecoded);
        await Assertions.Expect(clerk.Locator(".call-remote-media")).ToContainTextAsync($"{name} spricht ohne Kamera.");
        await Assertions.Expect(resident.Locator(".call-remote-media")).ToContainTextAsync("spricht ohne Kamera.");
        await Assertions.Expect(resident.GetByRole(AriaRole.Button, new() { Name = "Kamera und Mikrofon prüfen" })).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(resident);
        await Browser.ScreenshotAsync(resident, "speak-02-audio-only-phone");

        // The clerk turns the camera on: the resident now gets a picture and no longer reads "without a camera".
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Kamera ein" }).ClickAsync();
        await WaitForStatsAsync(resident, s => s.FramesDecoded > 0, "resident sees the clerk's camera");
        await Assertions.Expect(resident.Locator(".call-remote-media")).Not.ToContainTextAsync("ohne Kamera");
        await Assertions.Expect(clerk.GetByRole(AriaRole.Button, new() { Name = "Kamera aus" })).ToBeVisibleAsync();

        // The resident mutes: the clerk is told; the clerk turns the camera off again.
        var mute = resident.GetByRole(AriaRole.Button, new() { Name = "Mikrofon aus" });
        await mute.ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Button, new() { Name = "Mikrofon ein" })).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator(".call-remote-media")).ToContainTextAsync($"{name} hat das Mikrofon ausgeschaltet.");
        await resident.GetByRole(AriaRole.Button, new() { Name = "Mikrofon ein" }).ClickAsync();
        await Assertions.Expect(clerk.Locator(".call-remote-media")).Not.ToContainTextAsync("Mikrofon ausgeschaltet");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Kamera aus" }).ClickAsync();
        await Assertions.Expect(resident.Locator(".call-remote-media")).ToContainTextAsync("spricht ohne Kamera.");

        // The resident turns their camera on too: the clerk gets the picture.
        await resident.GetByRole(AriaRole.Button, new() { Name = "Kamera ein" }).ClickAsync();
        await WaitForStatsAsync(clerk, s => s.FramesDecoded > 0, "clerk sees the resident's camera");
        await Browser.AssertAccessibleAsync(resident);
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(resident, "speak-03-camera-on-phone");
        await Browser.ScreenshotAsync(clerk, "speak-04-clerk-desktop");
    }
}
