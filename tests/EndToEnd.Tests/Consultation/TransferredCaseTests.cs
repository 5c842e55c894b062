using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Forms;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// Issue 16 item 2: a transfer takes the whole case along. The resident (phone) chats, is verified, uploads a lease and
/// the form is begun with Rita Residents; she transfers the consultation to the tax office; Tobias Tax sees on his one
/// consultation screen the identity result (by whom, when), the form as far as it got, the lease and the chat, and
/// completes it with the resident: one dossier, and no blank form under "Eingereicht als Dossier" on either side.
/// </summary>
public sealed class TransferredCaseTests(Browser browser) : IClassFixture<Browser>
{
    static TransferredCaseTests() => Assertions.SetDefaultExpectTimeout(60_000);

    private const string Password = "Schalter-2026!";
    private const string GermanIdCard = "IDD<<LZ6311T475<<<<<<<<<<<<<<<\n8308126F3108011D<<<<<<<<<<<<<6\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";

    private static readonly byte[] Pdf =
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task The_clerk_who_takes_over_after_a_transfer_sees_the_whole_case_and_completes_it()
    {
        var email = Mailbox.UniqueAddress();
        var ticket = await ConsultationTickets.TakeAsync("Erika Mustermann", "residence-registration", email);
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var firstParty = await browser.NewPartyAsync(Browser.Desktop);
        await using var secondParty = await browser.NewPartyAsync(Browser.Desktop);
        var resident = await residentParty.NewPageAsync();
        var first = await firstParty.NewPageAsync();
        var second = await secondParty.NewPageAsync();
        first.Dialog += (_, dialog) => dialog.AcceptAsync();
        second.Dialog += (_, dialog) => dialog.AcceptAsync();

        // Rita Residents takes the resident once they are in the room.
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync("Erika Mustermann");
        Assert.True((await firstParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = Password } })).Ok);
        // Booking's catalogue also names a department nobody works in yet (as a city's new office has at first).
        await first.RouteAsync("**/api/booking/concerns", async route =>
        {
            var response = await route.FetchAsync();
            var catalogue = JsonNode.Parse(await response.TextAsync())!.AsArray();
            catalogue.Add(new JsonObject { ["key"] = "building-office", ["name"] = new JsonObject { ["de"] = "Bauamt" }, ["concerns"] = new JsonArray() });
            await route.FulfillAsync(new() { Response = response, Body = catalogue.ToJsonString() });
        });
        await first.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        await Assertions.Expect(first.Locator("#resident-name")).ToHaveTextAsync("Erika Mustermann");
        var roomId = await first.EvaluateAsync<string>("() => window.consultation.roomId");

        // They write, the resident hands in the lease.
        await resident.Locator("#chat-text").FillAsync("Ich ziehe nach Winterthur.");
        await resident.Locator("#chat-text").PressAsync("Enter");
        await Assertions.Expect(first.Locator("#transcript li:not(.system)").Last).ToContainTextAsync("Ich ziehe nach Winterthur.");
        await first.Locator("#chat-text").FillAsync("Dann prüfe ich zuerst Ihren Ausweis.");
        await first.Locator("#chat-text").PressAsync("Enter");
        await resident.Locator("#documents-panel input[type=file]").SetInputFilesAsync(new FilePayload { Name = "Mietvertrag.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await resident.Locator("#documents-panel button[type=submit]").ClickAsync();
        await Assertions.Expect(resident.Locator("#documents-panel .doc-item", new() { HasText = "Mietvertrag.pdf" })).ToBeVisibleAsync();

        // Rita asks for video and checks the ID card held to the camera (typed MRZ), verifies the identity and ends the video.
        await first.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        var identity = first.Locator("#identity-panel-body");
        var start = identity.GetByRole(AriaRole.Button, new() { Name = "Identitätsprüfung starten" });
        await Assertions.Expect(start).ToBeEnabledAsync();
        await start.ClickAsync();
        await identity.GetByLabel("Maschinenlesbare Zone (MRZ), 2 oder 3 Zeilen").FillAsync(GermanIdCard);
        await identity.GetByRole(AriaRole.Button, new() { Name = "MRZ prüfen" }).ClickAsync();
        await Assertions.Expect(identity.Locator("[data-check].ok")).ToHaveCountAsync(4);
        var features = identity.Locator("input[name=confirmedFeatures]");
        for (var i = 0; i < 3; i++) await features.Nth(i).CheckAsync();
        await identity.Locator("input[name=questionsAsked]").First.CheckAsync();
        await identity.GetByLabel("Identität bestätigt").CheckAsync();
        await identity.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" }).ClickAsync();
        await Assertions.Expect(identity.Locator("[data-status=verified]")).ToContainTextAsync("Identität bestätigt (Personalausweis, D)");
        await first.Locator("#stop-video").ClickAsync();
        await Assertions.Expect(first.Locator("#start-video")).ToBeVisibleAsync();

        // She opens the form and begins it; then the resident's question is one for the tax office.
        await first.Locator("#form-panel-body button", new() { HasText = "Formular öffnen" }).ClickAsync();
        await Assertions.Expect(FormPage.Field(first, "landlord")).ToBeVisibleAsync();
        await Assertions.Expect(FormPage.Field(resident, "landlord")).ToBeVisibleAsync();
        await FormPage.Field(first, "landlord").FillAsync("Stadtwohnungen AG");
        await Assertions.Expect(FormPage.Field(resident, "landlord")).ToHaveValueAsync("Stadtwohnungen AG");
        // The verified identity has filled the names (from the MRZ, in the usual spelling).
        await Assertions.Expect(FormPage.Field(first, "applicant.officialName")).ToHaveValueAsync("Mustermann");
        // Tobias Tax has his queue open. Rita's list offers the departments with staff, not the one nobody works in,
        // and says who of the tax office is there to take the consultation.
        Assert.True((await secondParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.tax", password = Password } })).Ok);
        await second.GotoAsync("/agent/queue.html");
        // Other tests' desks may be departments with staff too: the list is checked for these three, not in full.
        var departments = first.Locator("#transfer-department option");
        await Assertions.Expect(departments.Filter(new() { HasText = "Steueramt" })).ToHaveCountAsync(1);
        await Assertions.Expect(departments.Filter(new() { HasText = "Einwohneramt" })).ToHaveCountAsync(1);
        await Assertions.Expect(departments.Filter(new() { HasText = "Bauamt" })).ToHaveCountAsync(0);
        await first.Locator("#transfer-department").SelectOptionAsync(new SelectOptionValue { Label = "Steueramt" });
        await Assertions.Expect(first.Locator("#department-hint")).ToHaveTextAsync(new Regex("^In «Steueramt» (ist gerade 1 Person|sind gerade [0-9]+ Personen) angemeldet\\.$"));
        await Browser.AssertAccessibleAsync(first);
        await Browser.ScreenshotAsync(first, "transfer-case-department-chosen-desktop");
        await first.Locator("#transfer-form button[type=submit]").ClickAsync();
        await Assertions.Expect(first.Locator("#status")).ToContainTextAsync("weitergeleitet");
        // The resident reads that a colleague of the tax office, by its name, is coming and the chat is kept.
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync("einen Kollegen der Abteilung «Steueramt» übergeben");
        await Assertions.Expect(resident.Locator("#transcript li.system").Last).ToHaveTextAsync("Rita Residents hat die Beratung an die Abteilung «Steueramt» übergeben. Der Chat bleibt erhalten.");
        await Browser.ScreenshotAsync(resident, "transfer-case-handed-on-phone");

        // Tobias Tax's queue page says that a consultation waits for his department (every staff page reports in
        // every 15 s), and he takes it over: everything is there on his one screen.
        var handedOver = second.Locator("#handed-over p", new() { HasText = "Erika Mustermann" });
        await Assertions.Expect(handedOver).ToContainTextAsync("an Ihre Abteilung weitergeleitet", new() { Timeout = 30000 });
        await Browser.AssertAccessibleAsync(second);
        await Browser.ScreenshotAsync(second, "transfer-case-waiting-for-department-desktop");
        await handedOver.Locator($"a[href*='{roomId}']").ClickAsync();
        await Assertions.Expect(second.Locator("#resident-name")).ToHaveTextAsync("Erika Mustermann");
        await Assertions.Expect(second.Locator("#resident-language")).ToHaveTextAsync("Deutsch");
        await Assertions.Expect(second.Locator("#transcript li:not(.system)")).ToHaveCountAsync(2);
        await Assertions.Expect(second.Locator("#transcript")).ToContainTextAsync("Ich ziehe nach Winterthur.");
        var verified = second.Locator("#identity-panel-body [data-status=verified]");
        await Assertions.Expect(verified).ToContainTextAsync("Identität bestätigt (Personalausweis, D)");
        await Assertions.Expect(second.Locator("#identity-panel-body .idp-decided-by")).ToContainTextAsync("Entschieden von Rita Residents");
        await Assertions.Expect(second.Locator("#form-panel-body button", new() { HasText = "Formular öffnen" })).ToHaveCountAsync(0);
        await Assertions.Expect(FormPage.Field(second, "landlord")).ToHaveValueAsync("Stadtwohnungen AG");
        await Assertions.Expect(FormPage.Field(second, "applicant.officialName")).ToHaveValueAsync("Mustermann");
        var lease = second.Locator("#documents-panel-body", new() { HasText = "Mietvertrag.pdf" });
        for (var i = 0; i < 20 && await lease.CountAsync() == 0; i++)
        {
            await second.Locator("#documents-panel-body button.refresh").ClickAsync();
            await second.WaitForTimeoutAsync(1000);
        }
        await Assertions.Expect(lease).ToHaveCountAsync(1);
        await Assertions.Expect(resident.Locator("#status")).ToContainTextAsync("Tobias Tax");
        await Browser.AssertAccessibleAsync(second);
        await Browser.ScreenshotAsync(second, "transfer-case-taken-over-desktop");

        // He completes the form with the resident, who signs on the phone: one dossier.
        await FormPage.Field(second, "newAddress.town").FillAsync("Winterthur");
        await Assertions.Expect(FormPage.Field(resident, "newAddress.town")).ToHaveValueAsync("Winterthur");
        await FormPage.FillRegistrationAsync(resident, email);
        await Assertions.Expect(FormPage.Field(second, "truthful")).ToBeCheckedAsync();
        await FormPage.SignAsync(resident);
        await resident.Locator(".cf-sign button", new() { HasText = "Unterschreiben und einreichen" }).ClickAsync();
        await Assertions.Expect(resident.Locator(".cf-done")).ToContainTextAsync(new Regex("F-[0-9]{4}-[A-Z2-9]{6}"), new() { Timeout = 30_000 });
        var reference = Regex.Match(await resident.Locator(".cf-done").InnerTextAsync(), "F-[0-9]{4}-[A-Z2-9]{6}").Value;
        await Assertions.Expect(second.Locator("#form-panel-body")).ToContainTextAsync($"Eingereicht als Dossier {reference}");

        // Opened again, the consultation shows the dossier, not a blank form to sign a second time.
        await second.ReloadAsync();
        await Assertions.Expect(second.Locator("#form-panel-body .cf-dossier")).ToContainTextAsync($"Eingereicht als Dossier {reference} (Stand: eingegangen)");
        await Assertions.Expect(second.Locator("#form-panel-body button", new() { HasText = "Formular öffnen" })).ToHaveCountAsync(0);
        await Assertions.Expect(FormPage.Field(second, "landlord")).Not.ToBeEditableAsync();
        await resident.ReloadAsync();
        await Assertions.Expect(resident.Locator("#form-panel .cf-dossier")).ToContainTextAsync($"Eingereicht als Dossier {reference}");
        await Assertions.Expect(FormPage.Field(resident, "landlord")).ToHaveValueAsync("Stadtwohnungen AG");
        await Assertions.Expect(resident.Locator("canvas.cf-pad")).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(second);
        await Browser.AssertAccessibleAsync(resident);
        await Browser.ScreenshotAsync(second, "transfer-case-submitted-desktop");
        await Browser.ScreenshotAsync(resident, "transfer-case-submitted-phone");

        var forms = JsonSerializer.Deserialize<JsonElement>(await (await secondParty.APIRequest.GetAsync($"/api/forms/sessions/{roomId}")).TextAsync());
        var draft = Assert.Single(forms.GetProperty("drafts").EnumerateArray());
        Assert.Equal(reference, draft.GetProperty("dossier").GetProperty("reference").GetString());
        // Rita, in the sending department, no longer writes into the transferred case.
        Assert.Equal(404, (await firstParty.APIRequest.PatchAsync($"/api/forms/drafts/{draft.GetProperty("id").GetString()}/fields/landlord",
            new() { DataObject = new { value = "Andere AG", baseVersion = 99 } })).Status);
    }
}
