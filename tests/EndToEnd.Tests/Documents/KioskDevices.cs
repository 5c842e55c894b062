using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Documents;

/// <summary>Registers scanner kiosks as an admin does: a one-time enrolment code, opened once on the device.</summary>
public static class KioskDevices
{
    private const string Password = "Schalter-2026!";

    /// <summary>An enrolment code issued by the admin (signed in through its own party).</summary>
    public static async Task<string> IssueAsync(Browser browser, string name)
    {
        await using var admin = await browser.NewPartyAsync(Browser.Desktop);
        Assert.True((await admin.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "admin", password = Password } })).Ok);
        var response = await admin.APIRequest.PostAsync("/api/documents/kiosk/devices", new() { DataObject = new { name } });
        Assert.True(response.Ok, $"{response.Status} {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value.GetProperty("enrolmentCode").GetString()!;
    }

    /// <summary>Opens the kiosk page with the enrolment link, so this browser keeps the device token; waits for the concerns.</summary>
    public static async Task EnrolAsync(Browser browser, IPage kiosk, string name, string query = "")
    {
        var code = await IssueAsync(browser, name);
        await kiosk.GotoAsync($"/kiosk.html{query}#enrol={code}");
        await Assertions.Expect(kiosk.Locator("#concerns button").First).ToBeVisibleAsync(new() { Timeout = 20000 });
        Assert.DoesNotContain("enrol", kiosk.Url);
    }

    /// <summary>A device token for API calls outside the browser (X-Kiosk-Device).</summary>
    public static async Task<string> TokenAsync(Browser browser, string name)
    {
        var code = await IssueAsync(browser, name);
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        var response = await http.PostAsJsonAsync("/api/documents/kiosk/enrolment", new { code });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
