using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// The gateway's HTTPS port (scripts/test gives it one, GATEWAY_HTTPS_URL; a self-signed certificate for this machine):
/// the room pages and everything they load come over HTTP/2 on one connection, the hub over a secure WebSocket, a
/// clerk's sign-in holds, and a video call connects, as over plain HTTP.
/// </summary>
public sealed class HttpsConsultationTests(Browser browser) : IClassFixture<Browser>
{
    private const string Password = "Schalter-2026!";

    [Fact]
    public async Task Over_https_the_rooms_load_over_http2_and_a_video_call_connects()
    {
        var url = TestEnvironment.Get("GATEWAY_HTTPS_URL", "");
        Assert.True(url.StartsWith("https://", StringComparison.Ordinal), "scripts/test gives the gateway an HTTPS port (GATEWAY_HTTPS_URL)");
        var name = $"Sichere Verbindung {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var residentParty = await browser.NewPartyAtAsync(url, Browser.Phone);
        await using var clerkParty = await browser.NewPartyAtAsync(url);
        var login = await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = Password } });
        Assert.True(login.Ok, $"staff sign-in over HTTPS failed: {login.Status}");

        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        var sockets = new List<string>();
        resident.WebSocket += (_, socket) => { lock (sockets) sockets.Add(socket.Url); };
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync($"Sie betreuen {name}", new() { Timeout = 30_000 });
        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync(new() { Timeout = 30_000 });
        await Task.WhenAll(new[] { resident, clerk }.Select(page =>
            page.WaitForFunctionAsync("() => window.consultation?.state() === 'connected'", null, new() { Timeout = 30_000 })));

        foreach (var page in new[] { resident, clerk })
        {
            // Every script, stylesheet and API call the page made, and the page itself, came over HTTP/2.
            var protocols = JsonSerializer.Deserialize<Dictionary<string, string>>(await page.EvaluateAsync<string>("""
                () => JSON.stringify(Object.fromEntries(performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                  .filter(e => e.nextHopProtocol).map(e => [e.name.replace(location.origin, ''), e.nextHopProtocol])))
                """))!;
            Assert.True(protocols.Count > 10, $"only {protocols.Count} requests were timed");
            Assert.All(protocols, p => Assert.True(p.Value == "h2", $"{p.Key} came over {p.Value}"));
        }
        lock (sockets) Assert.Contains(sockets, s => s.StartsWith(url.Replace("https://", "wss://"), StringComparison.Ordinal) && s.Contains("/hubs/session"));
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(resident, "https-call-phone");
    }
}
