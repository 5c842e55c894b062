using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>
/// The city stops offering a concern while appointments for it are booked: their residents can still open the link
/// from the mail and cancel, and the page says why it offers no move (until 2026-12-04 it offered "move", and the time
/// picker then said only that the concern was not found).
/// </summary>
public sealed class RetiredConcernJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_resident_of_a_retired_concern_is_told_it_cannot_be_moved_and_cancels_on_a_phone_in_french()
    {
        await using var admin = await browser.NewPartyAsync();
        var desk = await TestDesks.CreateAsync(admin, $"retired-{Guid.NewGuid():N}"[..20], closedToday: false);
        var start = await FreeTimes.FirstAheadAsync(await admin.APIRequest.GetAsync($"/api/booking/concerns/{desk.ConcernKey}/slots"));
        var booked = await admin.APIRequest.PostAsync("/api/booking/appointments", new()
        {
            DataObject = new { concernKey = desk.ConcernKey, start, name = "Léa Retraite", email = Mailbox.UniqueAddress(), language = "fr" },
        });
        Assert.Equal(201, booked.Status);
        var manage = (await booked.JsonAsync())!.Value.GetProperty("manageToken").GetString();

        // The administrator retires the concern.
        var retired = await admin.APIRequest.PutAsync($"/api/booking/admin/concerns/{desk.ConcernKey}", new()
        {
            DataObject = new { departmentKey = desk.DepartmentKey, nameDe = "Testanliegen", nameEn = "Test concern", durationMinutes = 15, active = false },
        });
        Assert.True(retired.Ok, $"{retired.Status} {await retired.TextAsync()}");

        await using var party = await browser.NewPartyAsync(Browser.Phone, "fr-CH");
        var page = await party.NewPageAsync();
        await page.GotoAsync($"/manage.html#t={manage}");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Léa Retraite", new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#not-movable")).ToHaveTextAsync(
            "Cette démarche n’est plus proposée : le rendez-vous ne peut donc pas être déplacé, mais vous pouvez l’annuler.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Déplacer", Exact = true })).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "retired-concern-01-not-movable-phone-fr");

        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, annuler" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Le rendez-vous est annulé. Vous recevrez une confirmation par e-mail.");
        // Cancelled: nothing is left to change, and the note about moving goes with the buttons.
        await Assertions.Expect(page.Locator("#actions")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#not-movable")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("annulé");
        await Browser.ScreenshotAsync(page, "retired-concern-02-cancelled-phone-fr");
    }
}
