using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Form.Tests;

public sealed class DraftTests(FormFactory factory) : IClassFixture<FormFactory>
{
    [Fact]
    public async Task A_resident_alone_gets_a_draft_token_and_only_that_token_opens_the_draft()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var mine = await factory.CreateResidentClient(token).GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        Assert.Equal("residence-registration", mine.GetProperty("definitionId").GetString());
        Assert.False(mine.TryGetProperty("token", out _));
        Assert.Contains(mine.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "moveInDate");

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/forms/drafts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateResidentClient(Residents.NewToken()).GetAsync($"/api/forms/drafts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateStaffClient(Staff.Clerk("tax-office")).GetAsync($"/api/forms/drafts/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_stale_edit_of_the_same_field_is_refused_with_the_current_value_and_other_fields_never_conflict()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var a = factory.CreateResidentClient(token);
        var b = factory.CreateResidentClient(token);

        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(a, id, "landlord", "Immo AG", 0)).StatusCode);
        // b never saw a's write: its edit of the same field is stale.
        var stale = await Residents.PatchAsync(b, id, "landlord", "Wohnbau GmbH", 0);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Immo AG", problem.GetProperty("value").GetString());
        Assert.Equal(1, problem.GetProperty("version").GetInt32());

        // Based on the returned version it goes through; an edit of another field based on nothing also does.
        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(b, id, "landlord", "Wohnbau GmbH", 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(a, id, "email", "x@example.org", 0)).StatusCode);

        var draft = await a.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        Assert.Equal("Wohnbau GmbH", draft.GetProperty("fields").GetProperty("landlord").GetProperty("value").GetString());
        Assert.Equal(2, draft.GetProperty("fields").GetProperty("landlord").GetProperty("version").GetInt32());
    }

    /// <summary>
    /// Room probe, 2026-12-06: 31 February was stored in a date field (and failed only at submit, where the date input
    /// showed nothing), and an edit claiming version 99 of a field nobody had written was written as version 1.
    /// </summary>
    [Fact]
    public async Task A_day_that_does_not_exist_and_an_edit_of_a_version_the_field_never_had_are_refused()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        foreach (var day in new[] { "2026-02-31", "2027-13-01", "31.02.2026", "2027-3-1" })
        {
            var refused = await Residents.PatchAsync(client, id, "moveInDate", day, 0);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("date-format", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("value").GetString());
        }

        var madeUp = await Residents.PatchAsync(client, id, "moveInDate", "2027-02-28", 99);
        Assert.Equal(HttpStatusCode.Conflict, madeUp.StatusCode);
        Assert.Equal(0, (await madeUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var draft = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        Assert.False(draft.GetProperty("fields").TryGetProperty("moveInDate", out _));

        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(client, id, "moveInDate", "2027-02-28", 0)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(client, id, "moveInDate", "", 1)).StatusCode);
    }

    [Fact]
    public async Task Simultaneous_edits_lose_no_update()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var values = Residents.Registration("race@example.org");
        // Two parties write all fields at once: each field's write lands exactly once.
        var clients = new[] { factory.CreateResidentClient(token), factory.CreateResidentClient(token) };
        var writes = values.Select((pair, i) => Residents.PatchAsync(clients[i % 2], id, pair.Key, pair.Value, 0)).ToList();
        // ...and both race for the same field with the same base: exactly one wins.
        var race = new[] { Residents.PatchAsync(clients[0], id, "phone", "+41 52 000 00 01", 0), Residents.PatchAsync(clients[1], id, "phone", "+41 52 000 00 02", 0) };
        var results = await Task.WhenAll(writes.Concat(race));

        Assert.All(results.Take(values.Count), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Skip(values.Count).Select(r => r.StatusCode).Order());
        var draft = await clients[0].GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        foreach (var (field, value) in values)
            Assert.Equal(JsonSerializer.Serialize(value), draft.GetProperty("fields").GetProperty(field).GetProperty("value").GetRawText());
        Assert.Equal(0, draft.GetProperty("errors").GetArrayLength());
    }

    [Theory]
    [InlineData("Anna\nBerta", "one-line")]
    [InlineData("Anna\u2028Berta", "one-line")]
    [InlineData("\u202eanna", "invalid-character")]
    [InlineData("An\u2066na", "invalid-character")]
    [InlineData("https://evil.example/x", "name-link")]
    [InlineData("Anna www.evil.ch", "name-link")]
    public async Task One_line_text_fields_refuse_line_breaks_direction_controls_and_links_as_names_do(string value, string code)
    {
        // The probe (attack 2, item 11): these reached the dossier's applicant name, the staff lists and the PDF.
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        foreach (var field in new[] { "applicant.firstName", "newAddress.street", "newAddress.town", "landlord" })
        {
            var one = await Residents.PatchAsync(client, id, field, value, 0);
            Assert.Equal(HttpStatusCode.BadRequest, one.StatusCode);
            Assert.Equal(code, (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("value").GetString());
            var many = await client.PutAsJsonAsync($"/api/forms/drafts/{id}", new { fields = new Dictionary<string, object> { [field] = new { value, baseVersion = 0 } } });
            Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
            Assert.Equal(code, (await many.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty($"fields.{field}.value").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(client, id, "applicant.firstName", "Anna-Lena Zoë", 0)).StatusCode);
    }

    [Fact]
    public async Task A_multi_line_field_keeps_its_line_breaks()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient(), "tax-enquiry");
        var written = await Residents.PatchAsync(factory.CreateResidentClient(token), id, "message", "Guten Tag\nmeine Frage:\r\nwie?", 0);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
    }

    [Fact]
    public async Task Edits_are_checked()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        var unknown = await Residents.PatchAsync(client, id, "nope", "x", 0);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("field", out _));
        var noBase = await client.PatchAsJsonAsync($"/api/forms/drafts/{id}/fields/landlord", new { value = "x" });
        Assert.True((await noBase.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("baseVersion", out _));
        // Valid JSON numbers that no form holds and the database could not store: refused naming the value.
        foreach (var number in new[] { "1e999999", "-1e400", "1e-999999" })
        {
            var huge = await client.PatchAsync($"/api/forms/drafts/{id}/fields/landlord",
                new StringContent($$"""{"value":{{number}},"baseVersion":0}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
            Assert.Equal("wrong-format", (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("value").GetString());
            var many = await client.PutAsync($"/api/forms/drafts/{id}",
                new StringContent("{\"fields\":{\"landlord\":{\"value\":" + number + ",\"baseVersion\":0}}}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
            Assert.Equal("wrong-format", (await many.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("fields.landlord.value").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/api/forms/drafts/{id}/fields/landlord",
            new StringContent("""{"value":0.0e-5,"baseVersion":0}""", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        // Probe: a field named with null instead of an edit was a 500.
        var nullEdit = await client.PutAsync($"/api/forms/drafts/{id}", new StringContent("{\"fields\":{\"landlord\":null}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, nullEdit.StatusCode);
        Assert.Equal("base-version", (await nullEdit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("fields.landlord.baseVersion").GetString());
        var tooLong = await client.PutAsJsonAsync($"/api/forms/drafts/{id}", new { fields = new { landlord = new { value = new string('x', 10_001), baseVersion = 1 } } });
        Assert.Equal("too-long", (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("fields.landlord.value").GetString());
        // The page's own id is echoed to everyone on the draft: letters, digits, '-' and '_' only (the probe sent direction controls).
        // (Direction controls and line breaks the input guard refuses first, as in every one-line value.)
        foreach (var (clientId, code) in new[] { ("a\u202Eb", "invalid-character"), ("a:b", "client-id"), (new string('c', 65), "client-id"), ("x y", "client-id") })
        {
            var one = await client.PatchAsJsonAsync($"/api/forms/drafts/{id}/fields/landlord", new { value = "y", baseVersion = 2, clientId });
            Assert.Equal(code, (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("clientId").GetString());
            var some = await client.PutAsJsonAsync($"/api/forms/drafts/{id}", new { fields = new { landlord = new { value = "y", baseVersion = 2 } }, clientId });
            Assert.Equal(code, (await some.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("clientId").GetString());
            var presence = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/presence", new { kind = "focus", field = "landlord", clientId });
            Assert.Equal(code, (await presence.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("clientId").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/forms/drafts/{id}/fields/landlord",
            new { value = "y", baseVersion = 1, clientId = Guid.NewGuid().ToString() })).StatusCode);
        var badForm = await factory.CreateClient().PostAsJsonAsync("/api/forms/drafts", new { definitionId = "nope" });
        Assert.True((await badForm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("definitionId", out _));
    }

    [Fact]
    public async Task In_a_consultation_clerk_and_resident_share_one_draft_prefilled_from_the_booking()
    {
        var (room, roomToken) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Anna Maria Muster", "anna@example.org");

        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "residence-registration"));
        var opened = await clerk.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var draft = await opened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(draft.TryGetProperty("token", out _));
        var fields = draft.GetProperty("fields");
        Assert.Equal("Muster", fields.GetProperty("applicant.officialName").GetProperty("value").GetString());
        Assert.Equal("Anna Maria", fields.GetProperty("applicant.firstName").GetProperty("value").GetString());
        Assert.Equal("anna@example.org", fields.GetProperty("email").GetProperty("value").GetString());
        // Only what the concern asks is filled: there is no field for the booking's phone or concern.
        Assert.Equal(3, fields.EnumerateObject().Count());

        var resident = factory.CreateResidentClient(roomToken);
        var joined = await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        var id = (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(draft.GetProperty("id").GetGuid(), id);
        Assert.Equal(id, (await resident.GetFromJsonAsync<JsonElement>("/api/forms/drafts/room")).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(resident, id, "landlord", "Immo AG", 0)).StatusCode);

        // Another department's clerk, and a resident of another room, are kept out.
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateStaffClient(Staff.Clerk("tax-office")).GetAsync($"/api/forms/drafts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateResidentClient(Residents.NewToken()).GetAsync($"/api/forms/drafts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateStaffClient(Staff.Clerk("tax-office")).PostAsJsonAsync("/api/forms/drafts",
            new { definitionId = "residence-registration", sessionId = room.Id })).StatusCode);

        // Probe: the resident opened the tax office's form in this room, and it became the room's form in place of the
        // clerk's. The resident opens what the clerk could: the room's department's forms.
        var otherDepartment = await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "tax-enquiry", sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Forbidden, otherDepartment.StatusCode);
        Assert.Equal("form-not-of-consultation", (await otherDepartment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, (await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "dog-registration", sessionId = room.Id })).StatusCode);
    }

    [Fact]
    public async Task A_verified_identity_fills_the_open_draft_where_nobody_typed()
    {
        var (room, roomToken) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Anna Muster", "anna@example.org");
        var resident = factory.CreateResidentClient(roomToken);
        var draft = await (await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id })).Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid();
        // The resident corrected the first name by hand: the identity must not overwrite it.
        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(resident, id, "applicant.firstName", "Anni", 1)).StatusCode);

        var bus = factory.Services.GetRequiredService<MassTransit.IBus>();
        await bus.Publish(new Municipal.Contracts.Identity.IdentityVerified(Guid.NewGuid(), room.Id, "ID", "CHE", new DateOnly(2030, 1, 1),
            "MUSTER-MEIER", "ANNA MARIA", new DateOnly(1990, 5, 17), Guid.NewGuid(), DateTimeOffset.UtcNow, "residents-office", Nationality: "CHE"));

        var fields = await PrefilledAsync(resident, id);

        Assert.Equal("1990-05-17", fields.GetProperty("applicant.dateOfBirth").GetProperty("value").GetString());
        // Room probe F6: the MRZ's nationality (ISO alpha-3) fills the form's country choice, whose options are alpha-2.
        Assert.Equal("CH", fields.GetProperty("applicant.nationality").GetProperty("value").GetString());
        // In the usual spelling, not the MRZ's capitals (issue 16 item 14: "Guten Tag ANNA MUSTER").
        Assert.Equal("Muster-Meier", fields.GetProperty("applicant.officialName").GetProperty("value").GetString());
        Assert.Equal("Anni", fields.GetProperty("applicant.firstName").GetProperty("value").GetString());
    }
    /// <summary>Room probe, 2026-12-06: the passport's OEZTUERK MUELLER / AMELIE filled the form as "Oeztuerk Mueller" for Amélie Öztürk-Müller.</summary>
    [Fact]
    public async Task A_verified_identity_fills_the_booked_spelling_where_the_document_writes_it_transliterated()
    {
        var (room, roomToken) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Amélie Öztürk-Müller", "amelie@example.org");
        var resident = factory.CreateResidentClient(roomToken);
        var draft = await (await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id })).Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid();

        var bus = factory.Services.GetRequiredService<MassTransit.IBus>();
        await bus.Publish(new Municipal.Contracts.Identity.IdentityVerified(Guid.NewGuid(), room.Id, "P", "CHE", new DateOnly(2030, 1, 1),
            "OEZTUERK MUELLER", "AMELIE", new DateOnly(1991, 2, 3), Guid.NewGuid(), DateTimeOffset.UtcNow, "residents-office"));

        var fields = await PrefilledAsync(resident, id);

        Assert.Equal("Öztürk-Müller", fields.GetProperty("applicant.officialName").GetProperty("value").GetString());
        Assert.Equal("Amélie", fields.GetProperty("applicant.firstName").GetProperty("value").GetString());
        // A verification without a nationality ISO knows (older identity, or a code such as stateless XXA) leaves it to the resident.
        Assert.False(fields.TryGetProperty("applicant.nationality", out _));
    }

    [Theory]
    [InlineData("ITA", "choice", "IT")]
    [InlineData("DEU", "choice", "DE")]
    [InlineData("XXA", "choice", null)]
    [InlineData("FRA", "text", "Frankreich")]
    public void A_nationality_is_written_as_the_field_takes_it(string alpha3, string type, string? expected)
    {
        var field = new Municipal.Form.Definitions.FormCatalog().Find("residence-registration")!.Leaf("applicant.nationality")!;
        if (type == "text") field = field with { Type = "text", Options = null, OptionSet = null };
        Assert.Equal(expected, Municipal.Form.Drafts.Prefill.Nationality(field, alpha3, "de"));
    }

    /// <summary>The draft's fields once the identity's birth date is in them (at most 20 s).</summary>
    private static async Task<JsonElement> PrefilledAsync(HttpClient resident, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement fields;
        do
        {
            await Task.Delay(200);
            fields = (await resident.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}")).GetProperty("fields");
        } while (!fields.TryGetProperty("applicant.dateOfBirth", out _) && DateTime.UtcNow < deadline);
        return fields;
    }
}
