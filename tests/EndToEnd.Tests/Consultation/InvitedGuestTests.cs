using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>Issue 5: the clerk invites an interpreter, who joins the chat in a role of their own.</summary>
public sealed partial class InvitedGuestTests(Browser browser) : IClassFixture<Browser>
{
    private const string Password = "Schalter-2026!";

    [GeneratedRegex(@"https?://\S+#i=[A-Za-z0-9_\-]+")]
    private static partial Regex InviteLink();

    [GeneratedRegex(@"/feedback\.html#t=")]
    private static partial Regex FeedbackPage();

    [Fact]
    public async Task An_invited_interpreter_chats_with_resident_and_clerk_and_is_let_out_when_the_consultation_ends()
    {
        var name = $"Ayşe Test {Random.Shared.Next(1000, 9999)}";
        var ticket = await ConsultationTickets.TakeAsync(name);
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        await using var interpreterParty = await browser.NewPartyAsync(Browser.Phone);
        await SignalingReplicas.SpreadAsync(residentParty, clerkParty, interpreterParty);
        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        clerk.Dialog += (_, dialog) => dialog.AcceptAsync();
        var interpreter = await interpreterParty.NewPageAsync();

        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        var login = await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = Password } });
        Assert.True(login.Ok, $"staff sign-in failed: {login.Status}");
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync("Sie sprechen mit Rita Residents", new() { Timeout = 15000 });

        // The clerk makes an invitation link and hands it over (by phone or mail, outside the system).
        await clerk.Locator("#invite-name").FillAsync("Ana Dolmetscherin");
        await clerk.Locator("#invite-role").SelectOptionAsync("interpreter");
        await clerk.Locator("#invite-form button[type=submit]").ClickAsync();
        await Assertions.Expect(clerk.Locator("#invite-result")).ToContainTextAsync("#i=", new() { Timeout = 15000 });
        var link = InviteLink().Match(await clerk.Locator("#invite-result").InnerTextAsync()).Value;
        Assert.False(string.IsNullOrEmpty(link), "no invitation link shown");

        await interpreter.GotoAsync(link);
        await Assertions.Expect(interpreter.Locator("#status")).ToContainTextAsync($"Sie dolmetschen in der Beratung von {name}", new() { Timeout = 15000 });
        await Assertions.Expect(interpreter.Locator("#call")).ToBeHiddenAsync();
        await Assertions.Expect(clerk.Locator("#presence")).ToContainTextAsync("Ana Dolmetscherin (Dolmetschen)");
        await Assertions.Expect(resident.Locator("#transcript li.system").Last).ToContainTextAsync("Ana Dolmetscherin ist dem Raum beigetreten.");
        // Others coming and going do not change what the interpreter is told about their part.
        await Assertions.Expect(interpreter.Locator("#status")).ToContainTextAsync("Sie dolmetschen");

        await resident.Locator("#chat-text").FillAsync("Merhaba, taşınıyorum.");
        await resident.Locator("#chat-text").PressAsync("Enter");
        await Assertions.Expect(interpreter.Locator("#transcript li:not(.system)").Last).ToContainTextAsync("Merhaba, taşınıyorum.");
        await interpreter.Locator("#chat-text").FillAsync("Übersetzung: Guten Tag, ich ziehe um.");
        await interpreter.Locator("#chat-text").PressAsync("Enter");
        var atClerk = clerk.Locator("#transcript li:not(.system)").Last;
        await Assertions.Expect(atClerk).ToContainTextAsync("Übersetzung: Guten Tag, ich ziehe um.");
        await Assertions.Expect(atClerk).ToContainTextAsync("Ana Dolmetscherin");
        await Assertions.Expect(resident.Locator("#transcript li:not(.system)").Last).ToContainTextAsync("Ana Dolmetscherin");

        await Browser.AssertAccessibleAsync(interpreter);
        await Browser.ScreenshotAsync(interpreter, "consultation-interpreter-phone");

        await clerk.Locator("#end").ClickAsync();
        await Assertions.Expect(interpreter.Locator("#notice")).ToContainTextAsync("Diese Beratung ist beendet.");
        await Assertions.Expect(resident).ToHaveURLAsync(FeedbackPage());
    }
}
