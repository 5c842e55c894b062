using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// A consultation as it starts: a resident on a 390 px phone in the room (room.html with the ticket's link, in the
/// language they chose), clerk.residents on a desktop having taken them (agent room). Nothing opened yet.
/// </summary>
internal sealed class PhoneRoom : IAsyncDisposable
{
    public required string Name { get; init; }
    public required IBrowserContext ResidentParty { get; init; }
    public required IBrowserContext ClerkParty { get; init; }
    public required IPage Resident { get; init; }
    public required IPage Clerk { get; init; }

    /// <summary>The browser's locale per language; Leichte Sprache is chosen with the page's language switch.</summary>
    public static readonly Dictionary<string, string> Locales = new()
    {
        ["de"] = "de-CH", ["en"] = "en-GB", ["fr"] = "fr-CH", ["it"] = "it-CH", ["de-x-ls"] = "de-CH",
    };

    /// <param name="beforeJoin">Runs on the resident's page before it opens the room (e.g. to route its WebSocket).</param>
    /// <param name="clerkBrowser">The clerk's own browser, when the test needs their devices apart from the resident's.</param>
    public static async Task<PhoneRoom> OpenAsync(Browser browser, string language = "de", Func<IPage, Task>? beforeJoin = null, Browser? clerkBrowser = null)
    {
        var name = $"Nora Phone{Random.Shared.Next(100, 999)}";
        var ticket = await ConsultationTickets.TakeAsync(name, "residence-registration");
        var residentParty = await browser.NewPartyAsync(Browser.Phone, Locales[language]);
        var clerkParty = await (clerkBrowser ?? browser).NewPartyAsync(Browser.Desktop);
        var room = new PhoneRoom
        {
            Name = name, ResidentParty = residentParty, ClerkParty = clerkParty,
            Resident = await residentParty.NewPageAsync(), Clerk = await clerkParty.NewPageAsync(),
        };
        room.Clerk.Dialog += (_, dialog) => dialog.AcceptAsync();
        if (beforeJoin is not null) await beforeJoin(room.Resident);
        if (language == "de-x-ls")
        {
            // Chosen once on the start page, by its own name, and remembered for the room.
            await room.Resident.GotoAsync("/");
            await room.Resident.Locator("#lang").SelectOptionAsync(new SelectOptionValue { Label = "Leichte Sprache" });
        }

        await room.Resident.GotoAsync($"/room.html#t={ticket.Token}");
        await Assertions.Expect(room.Resident.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 20000 });
        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } })).Ok);
        await room.Clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(room.Clerk.Locator("#resident-name")).ToHaveTextAsync(name, new() { Timeout = 15000 });
        return room;
    }

    /// <summary>The clerk asks for video, the resident accepts, and both see the other's picture.</summary>
    public async Task StartVideoAsync()
    {
        await Clerk.Locator("#start-video").ClickAsync();
        await Resident.Locator("#accept-video").ClickAsync();
        await Clerk.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });
        await Resident.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });
    }

    /// <summary>What the phone's screen shows (a consultation's full page is several screens long).</summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Browser.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        await ClerkParty.DisposeAsync();
        await ResidentParty.DisposeAsync();
    }
}
