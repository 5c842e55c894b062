using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// Issue 15, item 4 (the room part): both room pages take their call and chat markup from one partial
/// (shared/partials/room-conversation.html), each with its own words where they differ, and the clerk's room has
/// one list of the resident's documents, the documents panel, which shows everything the second list showed.
/// </summary>
public sealed class RoomSharedMarkupTests(Browser browser) : IClassFixture<Browser>
{
    static RoomSharedMarkupTests() => Assertions.SetDefaultExpectTimeout(30_000);

    private static readonly byte[] Pdf =
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"u8.ToArray();

    [Fact]
    public void The_call_and_chat_markup_is_written_once_for_both_room_pages()
    {
        var root = Path.Combine(TestEnvironment.RepositoryRoot, "gateway", "wwwroot");
        foreach (var page in new[] { "citizen/room.html", "agent/room.html" })
        {
            var html = File.ReadAllText(Path.Combine(root, page));
            Assert.Contains("<!-- include: room-conversation -->", html);
            Assert.DoesNotContain("id=\"chat-form\"", html);
            Assert.DoesNotContain("id=\"remote-video\"", html);
        }
        Assert.Contains("id=\"chat-form\"", File.ReadAllText(Path.Combine(root, "shared", "partials", "room-conversation.html")));
    }

    [Fact]
    public async Task The_clerk_sees_the_residents_upload_once_in_the_documents_panel_and_the_call_in_their_own_words()
    {
        var name = $"Ursula Upload{Random.Shared.Next(100, 999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();

        // The resident uploads while waiting, before anyone has taken them.
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 20000 });
        await resident.Locator("#documents-panel input[type=file]").SetInputFilesAsync(new FilePayload { Name = "Mietvertrag.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await resident.Locator("#documents-panel button[type=submit]").ClickAsync();
        await Assertions.Expect(resident.Locator("#documents-panel .doc-item", new() { HasText = "Mietvertrag.pdf" })).ToBeVisibleAsync();

        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } })).Ok);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(clerk.Locator("#resident-name")).ToHaveTextAsync(name, new() { Timeout = 15000 });

        // One list: the documents panel, with the name, size and scan state the second list never had.
        var item = clerk.Locator("#documents-panel-body .doc-item", new() { HasText = "Mietvertrag.pdf" });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(item.Locator(".doc-status")).Not.ToBeEmptyAsync();
        await clerk.WaitForTimeoutAsync(1000);
        await Assertions.Expect(clerk.Locator("li", new() { HasText = "Mietvertrag.pdf" })).ToHaveCountAsync(1);
        await Assertions.Expect(clerk.Locator("#uploads, #upload-list")).ToHaveCountAsync(0);

        // The shared call markup speaks to the clerk: they ask for video and see the resident.
        await Assertions.Expect(clerk.Locator("#start-video")).ToHaveTextAsync("Video anfragen");
        await Assertions.Expect(clerk.Locator("#remote-video")).ToHaveAttributeAsync("aria-label", "Video der Einwohnerin / des Einwohners");
        await Assertions.Expect(resident.Locator("#start-video")).ToHaveTextAsync("Video starten");
        await Assertions.Expect(resident.Locator("#remote-video")).ToHaveAttributeAsync("aria-label", "Video der Sachbearbeitung");
        // A language switch keeps each page's own words.
        await clerk.Locator("#lang").SelectOptionAsync("en");
        await Assertions.Expect(clerk.Locator("#start-video")).ToHaveTextAsync("Ask for video");
        await Assertions.Expect(clerk.Locator("#remote-video")).ToHaveAttributeAsync("aria-label", "The resident's video");
        // The status line says whom the clerk serves in the new language (not "taking the consultation …" again).
        await Assertions.Expect(clerk.Locator("#status")).ToHaveTextAsync($"You are serving {name}.");
        // The cards' own buttons follow too (the ID check's start and "open form" stayed German, screenshot review 2026-12-05).
        await Assertions.Expect(clerk.GetByRole(AriaRole.Button, new() { Name = "Start identity check" })).ToBeVisibleAsync();
        await Assertions.Expect(clerk.GetByText("Check the ID card or passport of the person in front of the camera.")).ToBeVisibleAsync();
        await Assertions.Expect(clerk.GetByRole(AriaRole.Button, new() { Name = "Open form" })).ToBeVisibleAsync();
        // The documents panel's own heading, not a second one above it.
        await Assertions.Expect(clerk.Locator("#documents-panel h2")).ToHaveCountAsync(1);
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(clerk, "room-shared-markup-clerk");
        await Browser.AssertAccessibleAsync(resident);
    }
}
