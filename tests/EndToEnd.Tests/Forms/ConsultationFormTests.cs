using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Forms;

/// <summary>The "done when": clerk and resident fill in, sign and submit a registration of residence together in a consultation.</summary>
public sealed class ConsultationFormTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Clerk_and_resident_fill_sign_and_submit_a_registration_together()
    {
        await using var consultation = await ConsultationForm.OpenAsync(browser);
        var (resident, clerk) = (consultation.Resident, consultation.Clerk);

        // The form is pre-filled from the ticket's name.
        await Assertions.Expect(FormPage.Field(resident, "applicant.firstName")).ToHaveValueAsync("Anna");

        // The clerk types, the resident sees it; the clerk points at a field, the resident's screen highlights it.
        await FormPage.Field(clerk, "landlord").FillAsync("Stadtwohnungen AG");
        await Assertions.Expect(FormPage.Field(resident, "landlord")).ToHaveValueAsync("Stadtwohnungen AG");
        await FormPage.Field(clerk, "moveInDate").FocusAsync();
        await clerk.Locator(".cf-point").ClickAsync();
        await Assertions.Expect(resident.Locator(".fv-field.fv-pointed")).ToHaveAttributeAsync("data-field", "moveInDate");

        // The resident fills the rest, signs on the phone and submits.
        var email = Mailbox.UniqueAddress();
        await FormPage.FillRegistrationAsync(resident, email);
        await Assertions.Expect(FormPage.Field(clerk, "newAddress.town")).ToHaveValueAsync("Winterthur");
        await Browser.AssertAccessibleAsync(resident);
        await FormPage.SignAsync(resident);
        await resident.Locator(".cf-sign button", new() { HasText = "Unterschreiben und einreichen" }).ClickAsync();
        // The answer does not wait for the PDF (printed afterwards, Form.Tests PrintingTests); 30 s for a busy machine.
        await Assertions.Expect(resident.Locator(".cf-done")).ToContainTextAsync(new Regex("F-[0-9]{4}-[A-Z2-9]{6}"), new() { Timeout = 30_000 });
        await Assertions.Expect(clerk.Locator("#form-panel-body")).ToContainTextAsync("Eingereicht als Dossier");
        await Browser.ScreenshotAsync(resident, "forms-consultation-resident-phone");
        await Browser.ScreenshotAsync(clerk, "forms-consultation-clerk-desktop");
        Assert.Contains("eingegangen", (await Mailbox.WaitForAsync(email)).Single().Subject);
    }
}
