using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// Issue 17 items 1 and 4 in Chromium on a phone: a refusal that is not about a field (here a 409: the appointment was
/// cancelled in another tab meanwhile) reaches a French or Italian resident in their language, by the problem's
/// <c>code</c>, instead of the service's English detail or a bare "an error occurred"; the tab then shows the
/// appointment as it now is. Screenshots:
/// artifacts/screenshots/refusal-*.png.
/// </summary>
public sealed class RefusalTextsTests(Browser browser) : IClassFixture<Browser>
{
    private const string EnglishDetail = "The appointment is already cancelled.";

    /// <summary>How the page's summary names a cancelled appointment.</summary>
    private static readonly Dictionary<string, string> Cancelled = new() { ["fr"] = "annulé", ["it"] = "annullato" };

    [Theory]
    [InlineData("fr", "fr-CH", "Le rendez-vous est déjà annulé.")]
    [InlineData("it", "it-CH", "L’appuntamento è già stato annullato.")]
    public async Task A_resident_reads_a_conflict_in_their_language(string language, string locale, string expected)
    {
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        var from = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd");
        var to = DateTime.UtcNow.AddDays(13).ToString("yyyy-MM-dd");
        var slots = await http.GetFromJsonAsync<JsonElement>($"/api/booking/concerns/move/slots?from={from}&to={to}");
        var start = slots.GetProperty("slots")[0].GetProperty("start").GetString()!;
        var booked = await (await http.PostAsJsonAsync("/api/booking/appointments",
            new { concernKey = "move", start, name = "Chiara Muster", email = Mailbox.UniqueAddress(), language })).Content.ReadFromJsonAsync<JsonElement>();
        var manageToken = booked.GetProperty("manageToken").GetString()!;

        // The same link open in two tabs: the first cancels, the second still shows the appointment as booked.
        await using var party = await browser.NewPartyAsync(Browser.Phone, locale);
        var first = await party.NewPageAsync();
        var second = await party.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync($"/manage.html#t={manageToken}");
            await Assertions.Expect(page.Locator("#cancel")).ToBeVisibleAsync(new() { Timeout = 15000 });
        }
        await first.Locator("#cancel").ClickAsync();
        await first.Locator("#cancel-yes").ClickAsync();
        await Assertions.Expect(first.Locator("#cancel")).ToBeHiddenAsync();

        await second.BringToFrontAsync();
        await second.Locator("#cancel").ClickAsync();
        var answer = second.WaitForResponseAsync(r => r.Url.EndsWith("/api/booking/appointments/mine", StringComparison.Ordinal) && r.Request.Method == "DELETE");
        await second.Locator("#cancel-yes").ClickAsync();

        // The service answered with its English detail and the code the page translates.
        var response = await answer;
        Assert.Equal(409, response.Status);
        var problem = (await response.JsonAsync())!.Value;
        Assert.Equal("appointment-cancelled", problem.GetProperty("code").GetString());
        Assert.Equal(EnglishDetail, problem.GetProperty("detail").GetString());

        var status = second.Locator("#status");
        await Assertions.Expect(status).ToHaveTextAsync(expected);
        await Assertions.Expect(status).ToHaveClassAsync("error");
        // The tab now shows the appointment as it is: cancelled, with nothing more to cancel or move.
        await Assertions.Expect(second.Locator("#actions")).ToBeHiddenAsync();
        await Assertions.Expect(second.Locator("#confirm-cancel")).ToBeHiddenAsync();
        await Assertions.Expect(second.Locator("#summary")).ToContainTextAsync(Cancelled[language]);
        await Assertions.Expect(status).ToHaveTextAsync(expected);
        await Assertions.Expect(status).ToBeFocusedAsync();
        var text = await second.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(EnglishDetail, text);
        await Browser.AssertAccessibleAsync(second);
        await Browser.ScreenshotAsync(second, $"refusal-{language}-manage-conflict-phone");

        // The text follows a language switch like every other text the page wrote.
        await second.Locator("#lang").SelectOptionAsync("de");
        await Assertions.Expect(status).ToHaveTextAsync("Der Termin ist bereits abgesagt.");
    }
}
