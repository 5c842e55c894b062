using Microsoft.Playwright;
using Municipal.EndToEnd.Tests.Consultation;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Identity;

/// <summary>The clerk checks a resident's identity in a running video consultation.</summary>
public sealed class IdentityCheckTests(Browser browser) : IClassFixture<Browser>
{
    // The services answer within seconds when idle; a CI host running several suites may be far slower.
    static IdentityCheckTests() => Assertions.SetDefaultExpectTimeout(60_000);

    private const string Password = "Schalter-2026!";
    private const string SwissIdCard = "IDCHEC1234567<0<<<<<<<<<<<<<<<\n9502150M3306301CHE<<<<<<<<<<<6\nMUSTER<<HANS<PETER<<<<<<<<<<<<";
    private const string GermanIdCard = "IDD<<LZ6311T475<<<<<<<<<<<<<<<\n8308126F3108011D<<<<<<<<<<<<<6\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";

    [Fact]
    public async Task The_clerk_captures_a_still_checks_the_mrz_and_verifies_the_resident()
    {
        var ticket = await ConsultationTickets.TakeAsync("Erika Mustermann");
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        var (resident, clerk) = await OpenRoomAsync(residentParty, clerkParty, ticket);
        await Assertions.Expect(clerk.Locator("#resident-name")).ToHaveTextAsync("Erika Mustermann", new() { Timeout = 60_000 });

        // The resident shows the document to the (fake) camera, once the clerk sees them in the room (CI: at the start of a
        // loaded run the resident's page could still be on its way in, and the question was not seen within 30 s).
        await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync("Sie betreuen Erika Mustermann");
        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        await clerk.WaitForFunctionAsync("() => document.getElementById('remote-video')?.videoWidth > 0", null, new() { Timeout = 60_000 });

        var panel = clerk.Locator("#identity-panel-body");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Identitätsprüfung starten" }).ClickAsync();
        // The start button goes with the start: the check's first step has the clerk's focus, not the page's start.
        await Assertions.Expect(panel.Locator("h3").First).ToBeFocusedAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Standbild aufnehmen" }).ClickAsync();
        await Assertions.Expect(panel.Locator("img.idp-still")).ToBeVisibleAsync();
        Assert.True(await panel.Locator("img.idp-still").EvaluateAsync<int>("img => img.naturalWidth") > 0);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Standbild verwenden" }).ClickAsync();
        // "move" does not require a still: it is read for the MRZ (the fake camera shows none) and not stored.
        await Assertions.Expect(panel.Locator("p[role=status]").First).ToContainTextAsync("nicht gespeichert", new() { Timeout = 120_000 });

        // A typo in the MRZ is named; the corrected MRZ passes every check digit and matches the booking.
        var mrz = panel.GetByLabel("Maschinenlesbare Zone (MRZ), 2 oder 3 Zeilen");
        await mrz.FillAsync(GermanIdCard[..^3]);
        await panel.GetByRole(AriaRole.Button, new() { Name = "MRZ prüfen" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".error[role=alert]").First).ToContainTextAsync("Zeile 3 hat 27 Zeichen");
        // A state ICAO does not know (no check digit covers it) is said in the clerk's language, naming the field.
        await mrz.FillAsync(GermanIdCard.Replace("IDD<<", "IDZZZ").Replace("1D<<", "1ZZZ"));
        await panel.GetByRole(AriaRole.Button, new() { Name = "MRZ prüfen" }).ClickAsync();
        await Assertions.Expect(panel.Locator("[data-finding=unknown-state]").First).ToHaveTextAsync("Ausstellungsstaat: «ZZZ» ist kein Staatencode nach ICAO Doc 9303.");
        // A card is named as its state calls it: a Swiss one "Identitätskarte", a German one "Personalausweis".
        await mrz.FillAsync(SwissIdCard);
        await panel.GetByRole(AriaRole.Button, new() { Name = "MRZ prüfen" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("Identitätskarte (ID)", new() { Exact = true })).ToBeVisibleAsync();
        await mrz.FillAsync(GermanIdCard);
        await panel.GetByRole(AriaRole.Button, new() { Name = "MRZ prüfen" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("Personalausweis (ID)", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("[data-check]")).ToHaveCountAsync(4);
        await Assertions.Expect(panel.Locator("[data-check].ok")).ToHaveCountAsync(4);
        await Assertions.Expect(panel.Locator("[data-compare=surname]")).ToHaveTextAsync("stimmt überein");
        await Assertions.Expect(panel.Locator("[data-compare=givenNames]")).ToHaveTextAsync("stimmt überein");

        // Deciding without the checklist is refused; with it, the identity is verified.
        await panel.GetByLabel("Identität bestätigt").CheckAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".error[role=alert]").Last).ToContainTextAsync("Sicherheitsmerkmale");
        var features = panel.Locator("input[name=confirmedFeatures]");
        await Assertions.Expect(features).ToHaveCountAsync(3);
        for (var i = 0; i < 3; i++) await features.Nth(i).CheckAsync();
        await panel.Locator("input[name=questionsAsked]").First.CheckAsync();
        await Browser.ScreenshotAsync(clerk, "identity-clerk-check-desktop");
        await Browser.AssertAccessibleAsync(clerk);

        await panel.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" }).ClickAsync();
        await Assertions.Expect(panel.Locator("[data-status=verified]")).ToContainTextAsync("Identität bestätigt (Personalausweis, D)");
        await Browser.ScreenshotAsync(clerk, "identity-clerk-verified-desktop");
    }

    /// <summary>
    /// The check could be started while no video ran between clerk and resident, and "verified" recorded: the record
    /// claimed an identity nobody saw. Without a call the start is unavailable and says why in the clerk's language
    /// (French here), to the eye and to a screen reader, and the service refuses it too; with the video the check runs.
    /// The video ended during the check, the panel says that "verified" waits for it, and the service refuses it until
    /// the video runs again; then the identity is verified.
    /// </summary>
    [Fact]
    public async Task The_check_starts_and_is_verified_only_while_the_video_runs_and_the_start_says_why_not()
    {
        var ticket = await ConsultationTickets.TakeAsync("Erika Mustermann");
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop, "fr-CH");
        await clerkParty.AddInitScriptAsync("localStorage.setItem('lang', 'fr')");
        var (resident, clerk) = await OpenRoomAsync(residentParty, clerkParty, ticket);
        await Assertions.Expect(clerk.Locator("#resident-name")).ToHaveTextAsync("Erika Mustermann", new() { Timeout = 60_000 });
        await Assertions.Expect(clerk.Locator("#presence")).ToContainTextAsync("Erika Mustermann");

        // No call yet: the start is unavailable, and says why (its description, and a status line beside it).
        var panel = clerk.Locator("#identity-panel-body");
        var start = panel.GetByRole(AriaRole.Button, new() { Name = "Démarrer la vérification d’identité" });
        const string Why = "Démarrez d’abord la vidéo\u00a0: on vérifie la pièce d’identité que la personne tient devant la caméra.";
        var reason = panel.Locator("[id$=-start-reason]");
        await Assertions.Expect(start).ToBeDisabledAsync();
        await Assertions.Expect(start).ToHaveAccessibleDescriptionAsync(Why);
        await Assertions.Expect(reason).ToHaveTextAsync(Why);
        await Assertions.Expect(reason).ToHaveAttributeAsync("role", "status");
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(clerk, "identity-start-without-video-fr-desktop");
        await clerk.SetViewportSizeAsync(Browser.Phone.Width, Browser.Phone.Height);
        await start.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(reason).ToBeInViewportAsync();
        await Browser.AssertAccessibleAsync(clerk);
        Directory.CreateDirectory(Browser.ScreenshotDirectory);
        await clerk.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, "identity-start-without-video-fr-phone.png") });
        await clerk.SetViewportSizeAsync(Browser.Desktop.Width, Browser.Desktop.Height);

        // A press starts nothing, and the service refuses the start too: the room's mode says no call runs.
        await start.ClickAsync(new() { Force = true });
        await Assertions.Expect(panel.Locator("h3")).ToHaveCountAsync(0);
        var roomId = await clerk.EvaluateAsync<string>("() => window.consultation.roomId");
        var refused = await clerkParty.APIRequest.PostAsync("/api/identity/verifications", new() { DataObject = new { sessionId = roomId } });
        Assert.Equal(409, refused.Status);
        Assert.Equal("identity-no-video", (await refused.JsonAsync())!.Value.GetProperty("code").GetString());

        // With the video the start is there and its reason gone.
        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        await Assertions.Expect(start).ToBeEnabledAsync();
        await Assertions.Expect(reason).ToBeEmptyAsync();
        await start.ClickAsync();
        await Assertions.Expect(panel.Locator("h3").First).ToBeFocusedAsync();
        await FillTheCheckAsync(panel, "Zone de lecture automatique (ZLA), 2 ou 3 lignes", "Vérifier la ZLA", "Identité confirmée");

        // The video ends before the decision: "verified" waits for it, said beside the button and by the service.
        var note = panel.Locator("[id$=-call-note]");
        await Assertions.Expect(note).ToBeEmptyAsync();
        await clerk.Locator("#stop-video").ClickAsync();
        await Assertions.Expect(note).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^La vidéo est terminée\\. Pour confirmer l’identité, relancez la vidéo"));
        var decide = panel.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" });
        await decide.ClickAsync();
        await Assertions.Expect(panel.Locator(".error[role=alert]").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Aucune vidéo ne passe avec la personne"));
        await Assertions.Expect(panel.Locator("[data-status]")).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(clerk, "identity-video-ended-during-check-fr-desktop");

        // The video again: the identity is verified.
        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        await Assertions.Expect(note).ToBeEmptyAsync();
        await decide.ClickAsync();
        await Assertions.Expect(panel.Locator("[data-status=verified]")).ToContainTextAsync("Identité confirmée");
    }
    /// <summary>
    /// A call ran while the resident's camera delivered no picture (covered, switched off, a track muted): the check
    /// started and "verified" was saved with nothing to see. Here the resident's camera track is disabled under the page
    /// (not through its own camera button, which would tell the clerk): WebRTC then sends black frames. The clerk's page
    /// sees them black, the start waits and says what to ask, the service refuses it (identity-no-picture); the picture
    /// back, the check starts; black again during the check, "verified" waits, and is saved once the picture is back.
    /// </summary>
    [Fact]
    public async Task A_black_camera_neither_starts_nor_verifies_the_check_and_the_panel_says_what_to_ask()
    {
        var ticket = await ConsultationTickets.TakeAsync("Erika Mustermann");
        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        await using var clerkParty = await browser.NewPartyAsync(Browser.Desktop);
        // The camera's streams, so that the test can switch the track off as a covered camera would, unknown to the page.
        await residentParty.AddInitScriptAsync("""
            (() => {
              const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
              window.testStreams = [];
              navigator.mediaDevices.getUserMedia = async constraints => {
                const stream = await open(constraints);
                window.testStreams.push(stream);
                return stream;
              };
            })();
            """);
        var (resident, clerk) = await OpenRoomAsync(residentParty, clerkParty, ticket);
        await Assertions.Expect(clerk.Locator("#status")).ToContainTextAsync("Sie betreuen Erika Mustermann", new() { Timeout = 60_000 });
        Task CameraAsync(bool on) => resident.EvaluateAsync($"() => window.testStreams.forEach(s => s.getVideoTracks().forEach(t => t.enabled = {(on ? "true" : "false")}))");

        await clerk.Locator("#start-video").ClickAsync();
        await resident.Locator("#accept-video").ClickAsync();
        var panel = clerk.Locator("#identity-panel-body");
        var start = panel.GetByRole(AriaRole.Button, new() { Name = "Identitätsprüfung starten" });
        var reason = panel.Locator("[id$=-start-reason]");
        // The fake camera's picture arrives: the start is there.
        await Assertions.Expect(start).ToBeEnabledAsync();

        await CameraAsync(false);
        const string Ask = "Von der Kamera der Person kommt kein Bild an (ausgeschaltet, abgedeckt oder schwarz). Bitten Sie die Person, die Kamera einzuschalten oder freizumachen.";
        await Assertions.Expect(reason).ToHaveTextAsync(Ask);
        await Assertions.Expect(start).ToBeDisabledAsync();
        await Assertions.Expect(start).ToHaveAccessibleDescriptionAsync(Ask);
        // The call still runs: it is the picture that is missing.
        await Assertions.Expect(clerk.Locator("#stop-video")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(clerk, "identity-black-camera-desktop");
        var roomId = await clerk.EvaluateAsync<string>("() => window.consultation.roomId");
        var refused = await clerkParty.APIRequest.PostAsync("/api/identity/verifications", new() { DataObject = new { sessionId = roomId } });
        Assert.Equal(409, refused.Status);
        Assert.Equal("identity-no-picture", (await refused.JsonAsync())!.Value.GetProperty("code").GetString());

        await CameraAsync(true);
        await Assertions.Expect(start).ToBeEnabledAsync();
        await Assertions.Expect(reason).ToBeEmptyAsync();
        await start.ClickAsync();
        await FillTheCheckAsync(panel, "Maschinenlesbare Zone (MRZ), 2 oder 3 Zeilen", "MRZ prüfen", "Identität bestätigt");

        // Black again before the decision: "verified" waits for the picture, said beside the button and by the service.
        var note = panel.Locator("[id$=-call-note]");
        await CameraAsync(false);
        await Assertions.Expect(note).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Von der Kamera der Person kommt kein Bild mehr an\\."));
        var decide = panel.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" });
        await decide.ClickAsync();
        await Assertions.Expect(panel.Locator(".error[role=alert]").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Das Video läuft, aber von der Kamera der Person kommt kein Bild an"));
        await Assertions.Expect(panel.Locator("[data-status]")).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(clerk);
        await Browser.ScreenshotAsync(clerk, "identity-black-camera-during-check-desktop");

        await CameraAsync(true);
        await Assertions.Expect(note).ToBeEmptyAsync();
        await decide.ClickAsync();
        await Assertions.Expect(panel.Locator("[data-status=verified]")).ToContainTextAsync("Identität bestätigt");
    }

    /// <summary>
    /// The specimen's MRZ read and found right, three security features, the first question and "confirmed" ticked:
    /// by the panel's labels in its language (<paramref name="mrzLabel"/>, the read button, the confirmation).
    /// </summary>
    private static async Task FillTheCheckAsync(ILocator panel, string mrzLabel, string readMrz, string confirmed)
    {
        await panel.GetByLabel(mrzLabel).FillAsync(GermanIdCard);
        await panel.GetByRole(AriaRole.Button, new() { Name = readMrz }).ClickAsync();
        await Assertions.Expect(panel.Locator("[data-check].ok")).ToHaveCountAsync(4);
        var features = panel.Locator("input[name=confirmedFeatures]");
        for (var i = 0; i < 3; i++) await features.Nth(i).CheckAsync();
        await panel.Locator("input[name=questionsAsked]").First.CheckAsync();
        await panel.GetByLabel(confirmed).CheckAsync();
    }

    /// <summary>The resident's room page, and the clerk's, signed in as clerk.residents, taking the ticket's room.</summary>
    private static async Task<(IPage Resident, IPage Clerk)> OpenRoomAsync(IBrowserContext residentParty, IBrowserContext clerkParty, ConsultationTicket ticket)
    {
        var resident = await residentParty.NewPageAsync();
        var clerk = await clerkParty.NewPageAsync();
        clerk.Dialog += (_, dialog) => dialog.AcceptAsync();
        await resident.GotoAsync($"/room.html#t={ticket.Token}");
        var login = await clerkParty.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "clerk.residents", password = Password } });
        Assert.True(login.Ok, $"staff sign-in failed: {login.Status}");
        await clerk.GotoAsync($"/agent/room.html?ticket={ticket.TicketId}");
        return (resident, clerk);
    }
}
