using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Forms;

/// <summary>
/// A consultation about a registration of residence with the form open on both sides: the resident on a phone
/// (room.html with the ticket's link), clerk.residents on a desktop (agent room), the clerk having opened the form.
/// </summary>
internal sealed class ConsultationForm : IAsyncDisposable
{
    public required string Name { get; init; }
    public required IBrowserContext ResidentParty { get; init; }
    public required IBrowserContext ClerkParty { get; init; }
    public required IPage Resident { get; init; }
    public required IPage Clerk { get; init; }

    /// <param name="email">The e-mail address given when taking the ticket (the contact data the city holds).</param>
    public static async Task<ConsultationForm> OpenAsync(Browser browser, string? email = null)
    {
        var name = $"Anna Muster{Random.Shared.Next(100, 999)}";
        var ticket = await ConsultationTickets.TakeAsync(name, "residence-registration", email);
        var residentParty = await browser.NewPartyAsync(Browser.Phone);
        var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        var consultation = new ConsultationForm
        {
            Name = name, ResidentParty = residentParty, ClerkParty = clerkParty,
            Resident = await residentParty.NewPageAsync(), Clerk = await clerkParty.NewPageAsync(),
        };
        consultation.Clerk.Dialog += (_, dialog) => dialog.AcceptAsync();

        await consultation.Resident.GotoAsync($"/room.html#t={ticket.Token}");
        // The clerk takes the resident once they are in the room, as at the counter (and as sessions expects: an
        // accept racing the resident's join can be refused as "already taken").
        await Assertions.Expect(consultation.Resident.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 20000 });
        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = "Schalter-2026!" } })).Ok);
        await consultation.Clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(consultation.Clerk.Locator("#resident-name")).ToHaveTextAsync(name, new() { Timeout = 15000 });

        // The clerk opens the form; it appears on the resident's phone.
        await consultation.Clerk.Locator("#form-panel-body button", new() { HasText = "Formular öffnen" }).ClickAsync();
        // The first draft after a start builds the form service's EF model: allow for a cold, busy service.
        await Assertions.Expect(FormPage.Field(consultation.Clerk, "landlord")).ToBeVisibleAsync(new() { Timeout = 20000 });
        // The pressed button went with the form's arrival: its first heading has the clerk's focus, not the page's start.
        await Assertions.Expect(consultation.Clerk.Locator("#form-panel-body legend").First).ToBeFocusedAsync();
        await Assertions.Expect(FormPage.Field(consultation.Resident, "landlord")).ToBeVisibleAsync(new() { Timeout = 20000 });
        return consultation;
    }

    public async ValueTask DisposeAsync()
    {
        await ClerkParty.DisposeAsync();
        await ResidentParty.DisposeAsync();
    }
}
