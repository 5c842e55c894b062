using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Forms;

/// <summary>The "done when": clerk and resident fill in, sign and submit a registration of residence together in a consultation.</summary>
public sealed class ConsultationFormTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Clerk_and_resident_fill_sign_and_submit_a_registration_together()
    {
        var name = $"Anna Muster{Random.Shared.Next(100, 999)}";
        var ticket = await ConsultationTickets.TakeAsync(name, "residence-registration");
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        clerk.Dialog += (_, dialog) => dialog.AcceptAsync();

        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } })).Ok);
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(clerk.Locator("#resident-name")).ToHaveTextAsync(name, new() { Timeout = 15000 });

        // The clerk opens the form; it appears on the resident's phone, pre-filled from the ticket's name.
        await clerk.Locator("#form-panel-body button", new() { HasText = "Formular öffnen" }).ClickAsync();
        await Assertions.Expect(FormPage.Field(clerk, "landlord")).ToBeVisibleAsync();
        await Assertions.Expect(FormPage.Field(resident, "landlord")).ToBeVisibleAsync(new() { Timeout = 10000 });
        await Assertions.Expect(FormPage.Field(resident, "applicant.firstName")).ToHaveValueAsync("Anna");

        // The clerk types, the resident sees it; the clerk points at a field, the resident's screen highlights it.
        await FormPage.Field(clerk, "landlord").FillAsync("Stadtwohnungen AG");
        await Assertions.Expect(FormPage.Field(resident, "landlord")).ToHaveValueAsync("Stadtwohnungen AG", new() { Timeout = 3000 });
        await FormPage.Field(clerk, "moveInDate").FocusAsync();
        await clerk.Locator(".cf-point").ClickAsync();
        await Assertions.Expect(resident.Locator(".fv-field.fv-pointed")).ToHaveAttributeAsync("data-field", "moveInDate", new() { Timeout = 3000 });

        // The resident fills the rest, signs on the phone and submits.
        var email = Mailbox.UniqueAddress();
        await FormPage.FillRegistrationAsync(resident, email);
        await Assertions.Expect(FormPage.Field(clerk, "newAddress.town")).ToHaveValueAsync("Winterthur", new() { Timeout = 5000 });
        await Browser.AssertAccessibleAsync(resident);
        await FormPage.SignAsync(resident);
        await resident.Locator(".cf-sign button", new() { HasText = "Unterschreiben und einreichen" }).ClickAsync();
        await Assertions.Expect(resident.Locator(".cf-done")).ToContainTextAsync(new Regex("F-[0-9]{4}-[A-Z2-9]{6}"), new() { Timeout = 30_000 });
        await Assertions.Expect(clerk.Locator("#form-panel-body")).ToContainTextAsync("Eingereicht als Dossier", new() { Timeout = 5000 });
        await Browser.ScreenshotAsync(resident, "forms-consultation-resident-phone");
        await Browser.ScreenshotAsync(clerk, "forms-consultation-clerk-desktop");
        Assert.Contains("eingegangen", (await Mailbox.WaitForAsync(email)).Single().Subject);
    }
}
