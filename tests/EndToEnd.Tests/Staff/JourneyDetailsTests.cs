using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Staff;

/// <summary>Issue 16 item 14: the smaller things residents and clerks tripped over, each walked once.</summary>
public sealed class JourneyDetailsTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly byte[] Pdf =
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task The_clerk_home_counts_who_waits_and_the_inbox_names_departments()
    {
        // Someone waits for the clerk's topics (a ticket as booking issues it), so the count is not trivially zero.
        var ticket = await ConsultationTickets.TakeAsync($"Tile Count {Random.Shared.Next(1000, 9999)}", "dog-registration");
        await using var party = await browser.NewPartyAsync(Browser.Desktop);
        Assert.True((await party.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } })).Ok);
        var page = await party.NewPageAsync();
        await page.GotoAsync("/agent/");
        var queueTile = page.Locator("#tiles [data-tile=queue]");
        await Assertions.Expect(queueTile.Locator(".tile-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ warten$"), new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#tiles [data-tile=appointments] .tile-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ fällig$"));
        var waiting = await (await party.APIRequest.GetAsync("/api/booking/queue")).JsonAsync();
        Assert.Equal($"{waiting!.Value.GetProperty("tickets").GetArrayLength()} warten", await queueTile.Locator(".tile-count").TextContentAsync());
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "details-01-clerk-home-counts");
        _ = ticket;

        await page.GotoAsync("/agent/inbox.html");
        var departments = page.Locator("#department option");
        await Assertions.Expect(departments.Nth(1)).ToHaveTextAsync("Einwohneramt", new() { Timeout = 15000 });
        Assert.DoesNotContain("residents-office", await page.Locator("#department").InnerTextAsync());
        Assert.Equal("residents-office", await departments.Nth(1).GetAttributeAsync("value"));
    }

    [Fact]
    public async Task The_rebook_list_does_not_offer_the_appointments_own_time()
    {
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        var from = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd");
        var to = DateTime.UtcNow.AddDays(13).ToString("yyyy-MM-dd");
        var slots = await http.GetFromJsonAsync<JsonElement>($"/api/booking/concerns/move/slots?from={from}&to={to}");
        var start = slots.GetProperty("slots")[0].GetProperty("start").GetString()!;
        var booked = await (await http.PostAsJsonAsync("/api/booking/appointments",
            new { concernKey = "move", start, name = "Rita Rebook", email = Mailbox.UniqueAddress(), language = "de" })).Content.ReadFromJsonAsync<JsonElement>();
        var manageToken = booked.GetProperty("manageToken").GetString()!;
        // Another clerk is free then: the time is still offered to others, so leaving it out is the page's doing.
        var after = await http.GetFromJsonAsync<JsonElement>($"/api/booking/concerns/move/slots?from={from}&to={to}");
        Assert.Contains(after.GetProperty("slots").EnumerateArray(), s => DateTimeOffset.Parse(s.GetProperty("start").GetString()!) == DateTimeOffset.Parse(start));

        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await party.NewPageAsync();
        await page.GotoAsync($"/manage.html#t={manageToken}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verschieben" }).ClickAsync();
        await Assertions.Expect(page.Locator("#slots button").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        // The picker starts today; the booked week may need "later" presses.
        for (var i = 0; i < 3 && await page.Locator("#slots button").CountAsync() > 0; i++)
        {
            var starts = await page.Locator("#slots button").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.start)");
            Assert.DoesNotContain(starts, s => DateTimeOffset.Parse(s) == DateTimeOffset.Parse(start));
            await page.Locator("#later").ClickAsync();
            await page.WaitForTimeoutAsync(500);
        }
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "details-02-rebook-list-phone");
    }

    [Fact]
    public async Task In_the_room_documents_read_name_then_size_open_in_a_new_tab_and_the_invitation_link_copies()
    {
        var name = $"Doris Docs {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        await clerkParty.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        clerk.Dialog += (_, dialog) => dialog.AcceptAsync();
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 20000 });
        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } })).Ok);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(clerk.Locator("#resident-name")).ToHaveTextAsync(name, new() { Timeout = 15000 });

        await resident.Locator("#documents-panel input[type=file]").SetInputFilesAsync(new FilePayload { Name = "Mietvertrag.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await resident.Locator("#documents-panel button[type=submit]").ClickAsync();
        var item = resident.Locator("#documents-panel .doc-item", new() { HasText = "Mietvertrag.pdf" });
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 30000 });
        // Name and size sit apart (the list's styles are loaded in the room), not "Mietvertrag.pdf635 B".
        var gap = await item.EvaluateAsync<double>("li => li.querySelector('.hint').getBoundingClientRect().left - li.querySelector('.doc-name').getBoundingClientRect().right");
        var wrapped = await item.EvaluateAsync<bool>("li => li.querySelector('.hint').getBoundingClientRect().top >= li.querySelector('.doc-name').getBoundingClientRect().bottom");
        Assert.True(gap >= 4 || wrapped, $"name and size are {gap} px apart");
        await Browser.ScreenshotAsync(resident, "details-03-room-documents-phone");

        var open = clerk.Locator("#documents-panel-body a", new() { HasText = "Öffnen" });
        for (var i = 0; i < 20 && await open.CountAsync() == 0; i++)
        {
            await clerk.Locator("#documents-panel-body button.refresh").ClickAsync();
            await clerk.WaitForTimeoutAsync(1000);
        }
        await Assertions.Expect(open.First).ToHaveAttributeAsync("target", "_blank");
        var response = await clerkParty.APIRequest.GetAsync(await open.First.GetAttributeAsync("href") ?? "");
        Assert.StartsWith("inline", response.Headers["content-disposition"]);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);

        // The invitation link is copied with one press.
        await clerk.Locator("#invite-name").FillAsync("Dolmetscherin Dana");
        await clerk.Locator("#invite-form button[type=submit]").ClickAsync();
        await Assertions.Expect(clerk.Locator("#invite-result")).ToContainTextAsync("Dolmetscherin Dana");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Link kopieren" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#invite-copied")).ToContainTextAsync("Link kopiert");
        var copied = await clerk.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Matches("/room\\.html#i=[A-Za-z0-9_-]{43}$", copied);
        Assert.Contains(copied, await clerk.Locator("#invite-result").TextContentAsync());
        // "Copied" reports a moment: it goes once read.
        await Assertions.Expect(clerk.Locator("#invite-copied")).ToBeEmptyAsync(new() { Timeout = 15000 });
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(clerk, "details-04-invite-copy");
    }
}
