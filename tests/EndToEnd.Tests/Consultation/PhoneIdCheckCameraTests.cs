using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// Issue 16, item 5's follow-up: while the clerk checks the ID, the resident's phone sends its camera at Full HD
/// (opened again at that size and swapped into the call), without the sender scaling it down; after the decision
/// the usual size returns. Chromium's fake camera honours the size asked for (it offers up to 3840×2160), but one
/// browser process opens it once, for all its pages, at the size it was first opened with: the clerk, as at the
/// office, uses a browser of their own.
/// </summary>
public sealed class PhoneIdCheckCameraTests(Browser browser) : IClassFixture<Browser>
{
    static PhoneIdCheckCameraTests() => Assertions.SetDefaultExpectTimeout(60_000);

    private static readonly List<string> Log = [];

    private const string ReceivedWidth = "() => window.consultation.stats().then(s => s.frameWidth)";

    [Fact]
    public async Task During_the_id_check_the_clerk_receives_the_residents_camera_in_full_hd_and_the_usual_size_after()
    {
        var office = new Browser();
        await office.InitializeAsync();
        try
        {
            await WalkAsync(office);
        }
        finally
        {
            await office.DisposeAsync();
        }
    }

    private async Task WalkAsync(Browser office)
    {
        await using var room = await PhoneRoom.OpenAsync(browser, clerkBrowser: office);
        var (resident, clerk) = (room.Resident, room.Clerk);
        resident.Console += (_, m) => { if (m.Type is "warning" or "error") lock (Log) Log.Add($"{m.Type}: {m.Text}"); };
        await room.StartVideoAsync();

        // The usual call: 640×480 at most.
        var before = await ReceivedWhenAsync(clerk, ReceivedWidth, w => w > 0);
        Assert.InRange(before, 1, 640);
        Assert.Equal(640, (await SendingAsync(resident)).GetProperty("width").GetInt32());

        // The clerk starts the check: the resident's camera is opened at Full HD, sent at full resolution.
        var panel = clerk.Locator("#identity-panel-body");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Identitätsprüfung starten" }).ClickAsync();
        var sending = await SendingWhenAsync(resident, s => s.GetProperty("width").GetInt32() >= 1280);
        Assert.Equal("maintain-resolution", sending.GetProperty("degradationPreference").GetString());
        Assert.Equal(4_000_000, sending.GetProperty("maxBitrate").GetInt32());
        // Each read when met, polled here: a predicate that returns a promise is truthy at once for WaitForFunction,
        // and the statistics of a stream whose track was just replaced can still report the old size for a moment.
        var during = await ReceivedWhenAsync(clerk, ReceivedWidth, w => w >= 1280);
        var shown = await ReceivedWhenAsync(clerk, "() => document.querySelector('#remote-video').videoWidth", w => w >= 1280);
        Assert.True(during >= 1280 && shown >= 1280, $"the clerk receives {during} px ({shown} px shown) during the check");
        await Browser.ScreenshotAsync(clerk, "id-check-camera-full-hd-clerk");

        // The decision: back to the usual size and the browser's own encoding.
        await panel.GetByLabel("Identität abgelehnt").CheckAsync();
        await panel.GetByLabel("Begründung").FillAsync("Nur ein Test der Kamera.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" }).ClickAsync();
        sending = await SendingWhenAsync(resident, s => s.GetProperty("width").GetInt32() == 640);
        Assert.NotEqual("maintain-resolution", sending.GetProperty("degradationPreference").GetString());
        Assert.Equal(JsonValueKind.Null, sending.GetProperty("maxBitrate").ValueKind);
        var after = await ReceivedWhenAsync(clerk, ReceivedWidth, w => w is > 0 and <= 640);
        Assert.InRange(after, 1, 640);
        // The call goes on throughout: frames keep arriving.
        var decoded = await clerk.EvaluateAsync<int>("() => window.consultation.stats().then(s => s.framesDecoded)");
        var later = await ReceivedWhenAsync(clerk, "() => window.consultation.stats().then(s => s.framesDecoded)", n => n > decoded);
        Assert.True(later > decoded, $"no frame decoded after the check ({decoded} before, {later} after)");
    }

    /// <summary>What the resident sends once it meets the condition (30 s at most; the last answer in the failure).</summary>
    private static async Task<JsonElement> SendingWhenAsync(IPage resident, Func<JsonElement, bool> condition)
    {
        var sending = await SendingAsync(resident);
        for (var i = 0; i < 60 && !condition(sending); i++)
        {
            await Task.Delay(500);
            sending = await SendingAsync(resident);
        }
        Assert.True(condition(sending), $"the resident sends {sending}; console: {string.Join(" | ", Log)}");
        return sending;
    }

    /// <summary>What the clerk's page reads once it meets the condition (60 s at most; the last reading is returned).</summary>
    private static async Task<int> ReceivedWhenAsync(IPage clerk, string expression, Func<int, bool> condition)
    {
        var value = await clerk.EvaluateAsync<int>(expression);
        for (var i = 0; i < 120 && !condition(value); i++)
        {
            await Task.Delay(500);
            value = await clerk.EvaluateAsync<int>(expression);
        }
        return value;
    }

    private static Task<JsonElement> SendingAsync(IPage resident) => resident.EvaluateAsync<JsonElement>("() => window.consultation.sending()");
}
