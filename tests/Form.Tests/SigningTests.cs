using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Form.Tests;

public sealed class SigningTests(FormFactory factory) : IClassFixture<FormFactory>
{
    [Fact]
    public async Task A_change_after_signing_invalidates_the_signature()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        var hash = before.GetProperty("contentSha256").GetString();

        var signed = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = Residents.DrawnSignature(), contentSha256 = hash });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(hash, (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contentSha256").GetString());

        var version = before.GetProperty("fields").GetProperty("landlord").GetProperty("version").GetInt32();
        var change = await Residents.PatchAsync(client, id, "landlord", "Andere Verwaltung AG", version);
        Assert.True((await change.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signatureInvalidated").GetBoolean());

        var after = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        Assert.False(after.TryGetProperty("signature", out _));
        Assert.True(after.GetProperty("signatureInvalidated").GetBoolean());
        Assert.NotEqual(hash, after.GetProperty("contentSha256").GetString());

        var submit = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        // A signature over the content the resident saw before the change is refused as well.
        var late = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature(), contentSha256 = hash });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Submitting_prints_a_pdf_with_the_data_hands_it_to_document_intake_and_mails_the_status_link()
    {
        var email = Mailbox.UniqueAddress();
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(email));

        var response = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var submitted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reference = submitted.GetProperty("reference").GetString()!;
        var hash = submitted.GetProperty("contentSha256").GetString()!;
        Assert.Matches("^F-[0-9]{4}-[A-Z2-9]{6}$", reference);

        // Submitted once: further edits and a second submission are refused.
        Assert.Equal(HttpStatusCode.Conflict, (await Residents.PatchAsync(client, id, "phone", "+41 52 000 00 00", 0)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() })).StatusCode);

        // The resident follows the dossier with the token from the answer.
        var dossier = await factory.CreateResidentClient(submitted.GetProperty("statusToken").GetString()!).GetFromJsonAsync<JsonElement>("/api/forms/dossiers/mine");
        Assert.Equal("received", dossier.GetProperty("status").GetString());
        Assert.Equal(reference, dossier.GetProperty("reference").GetString());

        // Document intake receives the PDF from the FormSubmitted consumer, with a service token.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        FakeNeighbours.ReceivedFile? file;
        while ((file = factory.Neighbours.Files.FirstOrDefault(f => f.FileName == reference + ".pdf")) is null && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.NotNull(file);
        Assert.Equal("residents-office", file.Fields["departmentKey"]);
        Assert.Equal("residence-registration", file.Fields["concernKey"]);
        Assert.Equal("forms", file.Fields["channel"]);
        Assert.Equal(submitted.GetProperty("dossierId").GetString(), file.Fields["dossierId"]);
        Assert.StartsWith("Bearer ", file.Authorization);

        var text = PdfText(file.Content);
        Assert.Contains("Anmeldung des Wohnsitzes", text);
        Assert.Contains(reference, text);
        Assert.Contains("Marktgasse", text);
        Assert.Contains("Stadtwohnungen AG", text);
        Assert.Contains("17.05.1990", text);
        Assert.Contains(hash[..32], text.Replace("\n", "").Replace(" ", ""));

        var mail = (await Mailbox.WaitForAsync(email)).Single();
        Assert.Contains(reference, mail.Subject);
        Assert.Contains("eingegangen", mail.Subject);
        Assert.Matches("/dossier\\.html#t=[A-Za-z0-9_-]{43}", mail.TextBody);
    }

    /// <summary>
    /// The signed record shows what was signed in every script a resident may write: with DejaVu alone Chinese,
    /// Korean and Japanese came out as empty boxes and were lost to text extraction (API probe). The Noto fonts the
    /// scripts install give Chromium, which prints it, a face for each.
    /// </summary>
    [Fact]
    public async Task The_printed_record_keeps_chinese_korean_and_japanese_text()
    {
        var email = Mailbox.UniqueAddress();
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        var values = Residents.Registration(email);
        values["landlord"] = "王小明 김민수 やまだ";
        await Residents.FillAsync(client, id, values);
        var response = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        FakeNeighbours.ReceivedFile? file;
        while ((file = factory.Neighbours.Files.FirstOrDefault(f => f.FileName == reference + ".pdf")) is null && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.NotNull(file);
        var text = PdfText(file.Content);
        Assert.Contains("王小明", text);
        Assert.Contains("김민수", text);
        Assert.Contains("やまだ", text);
    }

    [Fact]
    public async Task A_tan_is_sent_to_the_forms_address_for_the_current_content_and_signs_only_that_content()
    {
        var email = Mailbox.UniqueAddress();
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(email));
        var hash = (await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}")).GetProperty("contentSha256").GetString()!;

        // The code goes to the address in the form, whatever the browser names, for the hash the server computed.
        var sent = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "email", recipient = "someone.else@example.org", contentSha256 = hash });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var tanId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tanId").GetGuid();
        var tan = factory.Neighbours.Tans[tanId];
        Assert.Equal((email, "email", hash), (tan.Recipient, tan.Channel, tan.ContentSha256));
        Assert.StartsWith("Bearer ", tan.Authorization);

        var wrong = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "tan", tanId, code = tan.Code == "000000" ? "111111" : "000000" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var problem = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Wrong code. 2 attempt(s) left.", problem.GetProperty("errors").GetProperty("signature.code")[0].GetString());
        Assert.Equal(2, problem.GetProperty("attemptsLeft").GetInt32());

        // A code another draft asked for is refused by name, and the browser cannot claim a code was right.
        var foreign = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "tan", tanId = Guid.NewGuid(), code = tan.Code } });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);

        var right = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = new { kind = "tan", tanId, code = tan.Code }, contentSha256 = hash });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var statusToken = (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusToken").GetString()!;
        var dossier = await factory.CreateResidentClient(statusToken).GetFromJsonAsync<JsonElement>("/api/forms/dossiers/mine");
        Assert.Equal("tan", dossier.GetProperty("signatureKind").GetString());
        Assert.Contains("E-Mail an re***", dossier.GetProperty("signatureSummary").GetString());
    }

    [Fact]
    public async Task In_a_consultation_the_tan_goes_only_to_the_rooms_address_never_to_one_typed_into_the_form()
    {
        var held = Mailbox.UniqueAddress();
        var (room, roomToken) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Anna Muster", held);
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "residence-registration"));
        var id = (await (await clerk.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var resident = factory.CreateResidentClient(roomToken);
        // The form's e-mail field now holds another address than the one the city holds for this resident.
        var typed = Mailbox.UniqueAddress();
        await Residents.FillAsync(resident, id, Residents.Registration(typed));
        var hash = (await resident.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}")).GetProperty("contentSha256").GetString()!;

        // The room holds no phone number, so an SMS to a typed number is refused by name.
        var sms = await resident.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "sms", recipient = "+41 79 123 45 67", contentSha256 = hash });
        Assert.Equal(HttpStatusCode.BadRequest, sms.StatusCode);
        Assert.True((await sms.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("channel", out _));

        // Sessions down: an outage, not a code to the typed address.
        factory.Sessions.Down = true;
        try
        {
            var down = await resident.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "email", contentSha256 = hash });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            factory.Sessions.Down = false;
        }

        var sent = await resident.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "email", recipient = typed, contentSha256 = hash });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var tan = factory.Neighbours.Tans[(await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tanId").GetGuid()];
        Assert.Equal((held, "email", hash), (tan.Recipient, tan.Channel, tan.ContentSha256));
        Assert.DoesNotContain(factory.Neighbours.Tans.Values, t => t.Recipient == typed);

        // The dossier names the consultation it came from: its page shows that consultation's identity check and documents.
        var submitted = await resident.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var dossier = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossierId").GetGuid();
        var detail = await clerk.GetFromJsonAsync<JsonElement>($"/api/forms/dossiers/{dossier}");
        Assert.Equal(room.Id, detail.GetProperty("sessionId").GetGuid());
    }

    /// <summary>
    /// Phone probe, finding 1: a resident who joined the queue without an address could not get a code (it goes only
    /// to the address the city holds, never to the form's, which the clerk edits too), and so could not sign without
    /// drawing. The resident now gives an address for the code on their own page; the clerk's side cannot.
    /// </summary>
    [Fact]
    public async Task Without_an_address_on_file_the_resident_gives_one_for_the_code_and_the_clerk_cannot()
    {
        var (room, roomToken) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Sam Tester", email: null);
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "residence-registration"));
        var id = (await (await clerk.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var resident = factory.CreateResidentClient(roomToken);
        var inForm = Mailbox.UniqueAddress();
        await Residents.FillAsync(resident, id, Residents.Registration(inForm));
        var hash = (await resident.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}")).GetProperty("contentSha256").GetString()!;
        var given = Mailbox.UniqueAddress();
        async Task<string?> RefusedAsync(HttpClient client, object body)
        {
            var response = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("recipient").GetString();
        }

        // The clerk cannot name an address for the code, not even the resident's.
        Assert.Equal("no-email-on-file", await RefusedAsync(clerk, new { channel = "email", recipient = given, contentSha256 = hash }));
        // The resident must give one, and a valid one; the form's own address is not taken in its place.
        Assert.Equal("email-for-code", await RefusedAsync(resident, new { channel = "email", contentSha256 = hash }));
        Assert.Equal("email", await RefusedAsync(resident, new { channel = "email", recipient = "sam@example", contentSha256 = hash }));
        Assert.DoesNotContain(factory.Neighbours.Tans.Values, t => t.Recipient == inForm || t.Recipient == given);

        var sent = await resident.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "email", recipient = $"  {given} ", contentSha256 = hash });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var tanId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tanId").GetGuid();
        var tan = factory.Neighbours.Tans[tanId];
        Assert.Equal((given, "email", hash), (tan.Recipient, tan.Channel, tan.ContentSha256));
        // The limits stay: not a second code in a burst.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await resident.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "email", recipient = given, contentSha256 = hash })).StatusCode);

        var submitted = await resident.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = new { kind = "tan", tanId, code = tan.Code }, contentSha256 = hash });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
    }

    /// <summary>
    /// Room probe F5: an admin marked a concern "needs signature" that has no form, and the room offered no way to
    /// sign. A concern without a form of its own gets the confirmation of the consultation: the clerk writes what was
    /// agreed, the resident confirms and signs; the dossier is the consultation's concern's and department's.
    /// </summary>
    [Fact]
    public async Task A_concern_without_a_form_is_signed_on_the_confirmation_of_the_consultation()
    {
        var (room, roomToken) = factory.Sessions.AddRoom("residents-office", "signature-without-form", "Anna Muster", Mailbox.UniqueAddress());
        var anyone = factory.CreateClient();
        var offered = await anyone.GetFromJsonAsync<JsonElement>("/api/forms/definitions?concern=signature-without-form");
        var definitionId = Assert.Single(offered.EnumerateArray()).GetProperty("id").GetString();
        Assert.Equal("consultation-confirmation", definitionId);
        // A concern with its own form keeps it alone; the confirmation is not a form to fill alone.
        Assert.Equal("dog-registration", Assert.Single((await anyone.GetFromJsonAsync<JsonElement>("/api/forms/definitions?concern=dog-registration")).EnumerateArray()).GetProperty("id").GetString());
        Assert.DoesNotContain((await anyone.GetFromJsonAsync<JsonElement>("/api/forms/definitions")).EnumerateArray(), d => d.GetProperty("id").GetString() == definitionId);
        Assert.Equal(HttpStatusCode.BadRequest, (await anyone.PostAsJsonAsync("/api/forms/drafts", new { definitionId })).StatusCode);

        // Another department's clerk cannot open it in this consultation.
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateStaffClient(Staff.Clerk("tax-office")).PostAsJsonAsync("/api/forms/drafts", new { definitionId, sessionId = room.Id })).StatusCode);
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "signature-without-form"));
        var created = await clerk.PostAsJsonAsync("/api/forms/drafts", new { definitionId, sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal(("signature-without-form", "residents-office"), (draft.GetProperty("concernKey").GetString(), draft.GetProperty("departmentKey").GetString()));
        Assert.Equal("Muster", draft.GetProperty("fields").GetProperty("applicant.officialName").GetProperty("value").GetString());

        await Residents.FillAsync(clerk, id, new Dictionary<string, object>
        {
            ["agreed"] = "Die Einwohnerin beantragt eine Kopie des Mietvertrags im Archiv.", ["applicant.dateOfBirth"] = "1990-05-17",
        });
        // The resident's page finds it as the consultation's form, confirms and signs.
        var resident = factory.CreateResidentClient(roomToken);
        Assert.Equal(id, (await resident.GetFromJsonAsync<JsonElement>("/api/forms/drafts/room")).GetProperty("id").GetGuid());
        var unconfirmed = await resident.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.True((await unconfirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("confirmed", out _));
        await Residents.FillAsync(resident, id, new Dictionary<string, object> { ["confirmed"] = true });
        var submitted = await resident.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var detail = await clerk.GetFromJsonAsync<JsonElement>($"/api/forms/dossiers/{(await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossierId").GetGuid()}");
        var dossier = detail.GetProperty("dossier");
        Assert.Equal(("signature-without-form", "residents-office", room.Id), (dossier.GetProperty("concernKey").GetString(), dossier.GetProperty("departmentKey").GetString(), detail.GetProperty("sessionId").GetGuid()));
        Assert.Equal("Anna Muster", dossier.GetProperty("applicantName").GetString());
        Assert.Equal("Bestätigung des Gesprächs", dossier.GetProperty("title").GetProperty("de").GetString());
    }

    [Fact]
    public async Task A_change_after_the_tan_was_sent_makes_the_code_useless()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        var draft = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");

        var sent = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "sms", recipient = "+41 79 123 45 67" });
        var tanId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tanId").GetGuid();
        Assert.Equal("+41 79 123 45 67", factory.Neighbours.Tans[tanId].Recipient);
        // Codes may cost an SMS each: not in a burst.
        var burst = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "sms", recipient = "+41 79 123 45 67" });
        Assert.Equal(HttpStatusCode.TooManyRequests, burst.StatusCode);
        Assert.True(burst.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var version = draft.GetProperty("fields").GetProperty("landlord").GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(client, id, "landlord", "Andere Verwaltung AG", version)).StatusCode);

        var late = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "tan", tanId, code = factory.Neighbours.Tans[tanId].Code } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("contentMismatch", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());

        // Without a number an SMS cannot go out; an incomplete form gets no code at all.
        var noNumber = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "sms" });
        Assert.Equal(HttpStatusCode.BadRequest, noNumber.StatusCode);
        Assert.True((await noNumber.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("recipient", out _));
        var (empty, emptyToken) = await Residents.NewDraftAsync(factory.CreateClient());
        var incomplete = await factory.CreateResidentClient(emptyToken).PostAsJsonAsync($"/api/forms/drafts/{empty}/tan", new { channel = "email" });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
    }

    [Fact]
    public async Task An_incomplete_form_or_a_fake_picture_cannot_be_signed()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        var incomplete = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.True((await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("moveInDate", out _));

        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        var notPng = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature",
            new { signature = new { kind = "drawn", image = "data:image/png;base64,SGVsbG8=", strokes = new[] { new[] { new[] { 1, 1 }, new[] { 2, 2 } } } } });
        Assert.True((await notPng.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("signature.image", out _));
    }

    private static string PdfText(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("pdftotext (poppler-utils) is needed to read the PDF.");
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("+1 900 555 0100")]
    [InlineData("+44 7700 900000")]
    [InlineData("001 900 555 0100")]
    public async Task A_stand_alone_form_sends_no_sms_outside_the_citys_region(string number)
    {
        // The probe (attack 2, item 10): anyone could make the city send codes to premium and foreign numbers.
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        var sent = factory.Neighbours.Tans.Count;

        var refused = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "sms", recipient = number });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("sms-country", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("recipient").GetString());
        Assert.Equal(sent, factory.Neighbours.Tans.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "sms", recipient = "0041 79 123 45 67" })).StatusCode);
    }

    [Fact]
    public async Task One_address_gets_at_most_ten_codes_an_hour_on_stand_alone_forms_however_many_drafts_it_opens()
    {
        var address = $"203.0.113.{Random.Shared.Next(1, 255)}";
        async Task<HttpResponseMessage> CodeAsync(string from)
        {
            var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
            var client = factory.CreateResidentClient(token);
            await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/forms/drafts/{id}/tan") { Content = JsonContent.Create(new { channel = "email" }) };
            request.Headers.Add("X-Forwarded-For", from);
            return await client.SendAsync(request);
        }
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await CodeAsync(address)).StatusCode);

        var spent = await CodeAsync(address);
        Assert.Equal(HttpStatusCode.TooManyRequests, spent.StatusCode);
        Assert.Equal("tan-address-limit", (await spent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.NotNull(spent.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await CodeAsync("198.51.100.1, " + address + "0")).StatusCode);

        // An IPv6 client has a /64 of addresses to change between (outside probe, 2026-12-06): they are one address here.
        var network = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:1:";
        for (var i = 1; i <= 10; i++) Assert.Equal(HttpStatusCode.OK, (await CodeAsync($"{network}{i:x}:0:0:{i:x}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CodeAsync(network + "ffff:ffff:ffff:ffff")).StatusCode);
    }
}
