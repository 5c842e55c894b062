using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Forms;

/// <summary>
/// Issue 16 items 3 and 4: every concern that offers a form has one, the others say so instead of promising one;
/// nationality and country offer every ISO 3166-1 country, named in the page's language.
/// </summary>
public sealed class ConcernFormsTests(Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData("move", "residents-office", "clerk.residents", "moveDate")]
    [InlineData("naturalisation", "residents-office", "clerk.residents", "placeOfBirth")]
    [InlineData("tax-return", "tax-office", "clerk.tax", "ahvNumber")]
    public async Task The_clerk_opens_the_form_of_a_concern_that_promises_signing(string concern, string department, string clerkName, string field)
    {
        await using var room = await RoomAsync(concern, department, clerkName);
        await Assertions.Expect(room.Resident.Locator("#form-panel")).ToContainTextAsync("öffnet das Formular gleich hier");

        await room.Clerk.Locator("#form-panel-body button", new() { HasText = "Formular öffnen" }).ClickAsync();
        await Assertions.Expect(FormPage.Field(room.Clerk, field)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(FormPage.Field(room.Resident, field)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(room.Clerk.Locator("#form-panel-body")).Not.ToContainTextAsync("schiefgegangen");
        // The resident can sign what they fill in: the signing part is there under the form.
        await Assertions.Expect(room.Resident.Locator("canvas.cf-pad")).ToBeAttachedAsync();
        await Browser.AssertAccessibleAsync(room.Resident);
        await Browser.ScreenshotAsync(room.Resident, $"concern-form-{concern}-resident-phone");
        await Browser.ScreenshotAsync(room.Clerk, $"concern-form-{concern}-clerk");
    }

    /// <summary>
    /// Room probe F5: an admin marked a concern "needs signature" that has no form, and nobody could sign. Such a
    /// concern says what happens instead, and the clerk can open the confirmation of the consultation, which the
    /// resident checks and signs.
    /// </summary>
    [Fact]
    public async Task A_concern_without_a_form_says_what_happens_instead_and_offers_a_confirmation_to_sign()
    {
        await using var room = await RoomAsync("general-enquiry", "residents-office", "clerk.residents");
        await Assertions.Expect(room.Clerk.Locator("#form-panel-body")).ToContainTextAsync("kein eigenes Formular", new() { Timeout = 10_000 });
        await Assertions.Expect(room.Clerk.Locator("#form-panel-body button", new() { HasText = "Formular öffnen" })).ToHaveCountAsync(0);
        await Assertions.Expect(room.Resident.Locator("#form-panel")).ToContainTextAsync("kein Formular aus", new() { Timeout = 10_000 });
        await Assertions.Expect(room.Resident.Locator("#form-panel")).Not.ToContainTextAsync("öffnet das Formular");
        await Browser.AssertAccessibleAsync(room.Resident);
        await Browser.ScreenshotAsync(room.Resident, "concern-without-form-resident-phone");

        await room.Clerk.Locator("#form-panel-body button", new() { HasText = "Bestätigung zum Unterschreiben öffnen" }).ClickAsync();
        var agreed = "Die Einwohnerin beantragt eine Wohnsitzbestätigung; sie kommt per Post.";
        await FormPage.Field(room.Clerk, "agreed").FillAsync(agreed);
        await Assertions.Expect(FormPage.Field(room.Resident, "agreed")).ToHaveValueAsync(agreed, new() { Timeout = 20_000 });
        await FormPage.Field(room.Resident, "applicant.dateOfBirth").FillAsync("1990-05-17");
        await FormPage.Field(room.Resident, "email").FillAsync(Mailbox.UniqueAddress());
        await FormPage.Field(room.Resident, "confirmed").CheckAsync();
        await Browser.AssertAccessibleAsync(room.Resident);
        await FormPage.SignAsync(room.Resident);
        await room.Resident.Locator(".cf-sign button", new() { HasText = "Unterschreiben und einreichen" }).ClickAsync();
        await Assertions.Expect(room.Resident.Locator(".cf-done")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("F-[0-9]{4}-[A-Z2-9]{6}"), new() { Timeout = 30_000 });
        await Assertions.Expect(room.Clerk.Locator("#form-panel-body")).ToContainTextAsync("Eingereicht als Dossier", new() { Timeout = 15_000 });
        await Browser.ScreenshotAsync(room.Clerk, "concern-without-form-confirmation-clerk");
    }

    [Fact]
    public async Task Residents_from_ukraine_brazil_and_eritrea_find_their_country_in_their_language()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await party.NewPageAsync();
        await FormPage.StartRegistrationAsync(page);
        var nationality = FormPage.Field(page, "applicant.nationality");
        await Assertions.Expect(nationality.Locator("option[value=UA]")).ToHaveTextAsync("Ukraine");
        await Assertions.Expect(nationality.Locator("option[value=ER]")).ToHaveTextAsync("Eritrea");
        Assert.True(await nationality.Locator("option").CountAsync() > 249);
        // Switzerland first (the list's first entry is "Bitte wählen").
        Assert.Equal("CH", await nationality.Locator("option").Nth(1).GetAttributeAsync("value"));
        await nationality.SelectOptionAsync("UA");
        await FormPage.Field(page, "previousAddress.countryIso2").SelectOptionAsync("BR");
        await Assertions.Expect(FormPage.Field(page, "previousAddress.countryIso2").Locator("option:checked")).ToHaveTextAsync("Brasilien");
        // A foreign country asks for the foreign postcode.
        await Assertions.Expect(FormPage.Field(page, "previousAddress.foreignZipCode")).ToBeVisibleAsync();
        await FormPage.SavedAsync(page);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "form-countries-phone");

        // The same draft in English: the browser names the countries (Intl.DisplayNames), for any page language.
        var link = page.Url;
        foreach (var (lang, brazil) in new[] { ("en", "Brazil") })
        {
            await page.EvaluateAsync("lang => localStorage.setItem('lang', lang)", lang);
            await page.GotoAsync("about:blank");
            await page.GotoAsync(link);
            await Assertions.Expect(FormPage.Field(page, "previousAddress.countryIso2")).ToHaveValueAsync("BR", new() { Timeout = 15_000 });
            await Assertions.Expect(FormPage.Field(page, "previousAddress.countryIso2").Locator("option:checked")).ToHaveTextAsync(brazil);
            await Assertions.Expect(FormPage.Field(page, "applicant.nationality")).ToHaveValueAsync("UA");
        }
    }

    private async Task<Room> RoomAsync(string concern, string department, string clerkName)
    {
        var name = $"Olena Test{Random.Shared.Next(100, 999)}";
        var ticket = await ConsultationTickets.TakeAsync(name, concern, department: department);
        var residentParty = await browser.NewPartyAsync(Browser.Phone);
        var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        var room = new Room(residentParty, clerkParty, await residentParty.NewPageAsync(), await clerkParty.NewPageAsync());
        room.Clerk.Dialog += (_, dialog) => dialog.AcceptAsync();
        await room.Resident.GotoAsync($"/room.html#t={ticket.Token}");
        await Assertions.Expect(room.Resident.Locator("#status")).ToContainTextAsync(name, new() { Timeout = 20_000 });
        Assert.True((await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = clerkName, password = "Schalter-2026!" } })).Ok);
        await room.Clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(room.Clerk.Locator("#resident-name")).ToHaveTextAsync(name, new() { Timeout = 15_000 });
        return room;
    }

    private sealed record Room(IBrowserContext ResidentParty, IBrowserContext ClerkParty, IPage Resident, IPage Clerk) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await ClerkParty.DisposeAsync();
            await ResidentParty.DisposeAsync();
        }
    }
}
