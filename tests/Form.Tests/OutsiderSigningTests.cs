using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Form.Tests;

/// <summary>
/// The form service as an outsider tries it (probe 6): the public validate endpoint fed what no page sends, signature
/// pictures that are no pictures, one-time codes guessed, reused and borrowed from another form, and one submission
/// sent twice at once. Each is answered by name, never 5xx, and leaves the draft as it was.
/// </summary>
public sealed class OutsiderSigningTests(FormFactory factory) : IClassFixture<FormFactory>
{
    private const string Validate = "/api/forms/definitions/residence-registration/validate";

    [Theory]
    [InlineData("1e999999")]
    [InlineData("-1e400")]
    [InlineData("1e-999999")]
    public async Task The_validate_endpoint_answers_a_number_past_what_a_form_holds_by_the_fields_name(string raw)
    {
        var answer = await PostRawAsync(factory.CreateClient(), Validate, $"{{\"values\":{{\"newAddress.houseNumber\":{raw},\"moveInDate\":{raw}}}}}");

        Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{raw}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var named = answer.StatusCode == HttpStatusCode.OK
            ? body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString())
            : body.GetProperty("errors").EnumerateObject().Select(p => p.Name);
        Assert.Contains(named, n => n is not null && n.Contains("moveInDate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_validate_endpoint_takes_what_no_page_sends_without_failing()
    {
        var client = factory.CreateClient();
        var many = Enumerable.Range(0, 10_000).ToDictionary(i => $"landlord{i}", _ => (object)"x");
        var bodies = new object[]
        {
            new { values = many },
            new { values = new Dictionary<string, object> { ["landlord"] = new { nested = new[] { 1, 2 } }, ["truthful"] = new[] { true } } },
            new { values = new Dictionary<string, object> { ["landlord"] = "Stadt\u202Ewohnungen\u0000AG\u0007", ["applicant.dateOfBirth"] = "0001-01-01", ["moveInDate"] = "2027-02-30" } },
            new { values = new Dictionary<string, object> { ["newAddress.houseNumber"] = new string('9', 100_000), ["applicant.dateOfBirth"] = "+10000-01-01" } },
            new { values = (object?)null },
        };
        foreach (var body in bodies)
        {
            var answer = await client.PostAsJsonAsync(Validate, body);
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
        var unknown = await client.PostAsJsonAsync("/api/forms/definitions/..%2F..%2Fetc%2Fpasswd/validate", new { values = new { } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("data:image/png;base64,")]
    [InlineData("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFc")]
    [InlineData("data:image/png;base64,!!!!")]
    [InlineData("data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=")]
    [InlineData("data:image/png;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=")]
    [InlineData("javascript:alert(1)")]
    [InlineData("HUGE")]
    public async Task A_signature_picture_that_is_no_png_is_refused_naming_the_picture_and_nothing_is_signed(string image)
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        if (image == "HUGE") image = "data:image/png;base64," + Convert.ToBase64String(new byte[400_000]);

        var answer = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature",
            new { signature = new { kind = "drawn", image, strokes = new[] { new[] { new[] { 1, 1 }, new[] { 20, 20 } } } } });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("signature.image", out _));
        Assert.False(await SignedAsync(client, id));
    }

    [Fact]
    public async Task A_code_guessed_reused_or_taken_from_another_form_signs_nothing()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        var (otherId, otherToken) = await Residents.NewDraftAsync(factory.CreateClient());
        var other = factory.CreateResidentClient(otherToken);
        await Residents.FillAsync(other, otherId, Residents.Registration(Mailbox.UniqueAddress()));

        var mine = await TanAsync(client, id);
        var theirs = await TanAsync(other, otherId);

        // Another form's code, even with its right digits, is not this form's.
        var borrowed = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "tan", tanId = theirs, code = factory.Neighbours.Tans[theirs].Code } });
        Assert.Equal("code-not-latest", await ReasonAsync(borrowed, "signature.tanId"));
        // Control characters and a code of ten thousand digits are refused by name, not a failure.
        foreach (var odd in new[] { "12\u000034", new string('1', 10_000), "\u202E123456" })
        {
            var answer = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "tan", tanId = mine, code = odd } });
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("signature.code", out _));
        }
        // Guessing ends with the code locked: the right digits then sign nothing.
        var right = factory.Neighbours.Tans[mine].Code;
        foreach (var guess in Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6")).Where(g => g != right).Take(3))
            await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "tan", tanId = mine, code = guess } });
        var locked = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "tan", tanId = mine, code = factory.Neighbours.Tans[mine].Code } });
        Assert.Equal("tan-locked", await ReasonAsync(locked, "signature.code"));
        Assert.False(await SignedAsync(client, id));

        // The other form signs with its own code once; the same code again is no longer one to sign with.
        var signed = await other.PostAsJsonAsync($"/api/forms/drafts/{otherId}/signature", new { signature = new { kind = "tan", tanId = theirs, code = factory.Neighbours.Tans[theirs].Code } });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var again = await other.PostAsJsonAsync($"/api/forms/drafts/{otherId}/signature", new { signature = new { kind = "tan", tanId = theirs, code = factory.Neighbours.Tans[theirs].Code } });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task One_submission_sent_twice_at_once_makes_one_dossier()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
        Assert.True((int)refused.StatusCode is >= 400 and < 500, $"{(int)refused.StatusCode}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_clerk_opens_no_form_of_another_departments_concern_and_another_departments_clerk_touches_none()
    {
        var (room, _) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Anna Probe", Mailbox.UniqueAddress());
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "residence-registration"));

        var taxForm = await clerk.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "tax-enquiry", sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Forbidden, taxForm.StatusCode);
        Assert.Equal("not-your-department", (await taxForm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var opened = await clerk.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Residents.FillAsync(clerk, id, Residents.Registration(Mailbox.UniqueAddress()));
        var other = factory.CreateStaffClient(Staff.Clerk("tax-office", "tax-enquiry"));
        var answers = new[]
        {
            await other.GetAsync($"/api/forms/drafts/{id}"),
            await Residents.PatchAsync(other, id, "landlord", "Fremd AG", 1),
            await other.PostAsJsonAsync($"/api/forms/drafts/{id}/presence", new { field = "landlord" }),
            await other.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { channel = "email" }),
            await other.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", Residents.DrawnSignature()),
            await other.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() }),
        };
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri}: {(int)answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }
        var draft = await clerk.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        Assert.Equal("Stadtwohnungen AG", draft.GetProperty("fields").GetProperty("landlord").GetProperty("value").GetString());
        Assert.Equal("open", draft.GetProperty("status").GetString());
    }

    private async Task<Guid> TanAsync(HttpClient client, Guid draft)
    {
        var sent = await client.PostAsJsonAsync($"/api/forms/drafts/{draft}/tan", new { channel = "email" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tanId").GetGuid();
    }

    private static async Task<bool> SignedAsync(HttpClient client, Guid draft) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{draft}")).TryGetProperty("signature", out var signature) && signature.ValueKind != JsonValueKind.Null;

    private static async Task<string?> ReasonAsync(HttpResponseMessage answer, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        return problem.GetProperty("reasons").GetProperty(field).GetString();
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
