using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Form.Tests;

/// <summary>
/// A draft as an outsider tries it (probe 5): another resident's link on every route of someone's draft, days at the
/// calendar's ends, a field list in the thousands, numbers past what a form holds. Each is refused by name, never 5xx.
/// </summary>
public sealed class OutsiderDraftTests(FormFactory factory) : IClassFixture<FormFactory>
{
    [Fact]
    public async Task Another_residents_link_neither_reads_nor_edits_signs_or_submits_a_draft()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var (_, otherToken) = await Residents.NewDraftAsync(factory.CreateClient());
        await Residents.FillAsync(factory.CreateResidentClient(token), id, Residents.Registration("anna.probe5@example.org"));
        var other = factory.CreateResidentClient(otherToken);

        var answers = new[]
        {
            await other.GetAsync($"/api/forms/drafts/{id}"),
            await Residents.PatchAsync(other, id, "landlord", "Fremd AG", 1),
            await other.PutAsJsonAsync($"/api/forms/drafts/{id}", new { fields = new Dictionary<string, object> { ["landlord"] = new { value = "Fremd AG", baseVersion = 1 } } }),
            await other.PostAsJsonAsync($"/api/forms/drafts/{id}/presence", new { field = "landlord" }),
            await other.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", Residents.DrawnSignature()),
            await other.PostAsJsonAsync($"/api/forms/drafts/{id}/tan", new { }),
            await other.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { }),
        };
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri}: {(int)answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }
        var draft = await factory.CreateResidentClient(token).GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        Assert.Equal("Stadtwohnungen AG", draft.GetProperty("fields").GetProperty("landlord").GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("0999-12-31")]
    [InlineData("2027-02-29")]
    [InlineData("2027-02-30")]
    [InlineData("+10000-01-01")]
    [InlineData("2027-03-01T00:00:00Z")]
    public async Task A_day_no_calendar_or_form_holds_is_refused_naming_the_value(string day)
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var refused = await Residents.PatchAsync(factory.CreateResidentClient(token), id, "moveInDate", day, 0);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(), problem.ToString());
    }

    [Fact]
    public async Task Days_at_the_far_end_of_the_calendar_are_stored_or_refused_by_the_forms_rules_never_failing_the_check()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration("far.probe5@example.org"));
        var draft = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        int Version(string field) => draft.GetProperty("fields").GetProperty(field).GetProperty("version").GetInt32();

        foreach (var (field, day) in new[] { ("moveInDate", "9999-12-31"), ("applicant.dateOfBirth", "9999-12-31"), ("applicant.dateOfBirth", "1000-01-01") })
        {
            var answer = await Residents.PatchAsync(client, id, field, day, Version(field));
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{field}={day}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            draft = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
            // The draft still reads, its rules name what is wrong; signing such a draft is refused with a reason, not a 500.
            var signed = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", Residents.DrawnSignature());
            Assert.True((int)signed.StatusCode < 500, $"{field}={day}: sign {(int)signed.StatusCode} {await signed.Content.ReadAsStringAsync()}");
            draft = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        }
    }

    [Fact]
    public async Task Thousands_of_fields_or_a_number_past_what_a_form_holds_are_refused_by_name()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        var many = Enumerable.Range(0, 5_000).ToDictionary(i => $"made.up{i}", i => (object)new { value = "x", baseVersion = 0 });
        var refused = await client.PutAsJsonAsync($"/api/forms/drafts/{id}", new { fields = many });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("fields.made.up0", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        foreach (var raw in new[] { "1e999999", "-1e400", "123456789012345678901234567890123456789012345678901234567890" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/forms/drafts/{id}/fields/landlord")
            {
                Content = new StringContent($"{{\"value\":{raw},\"baseVersion\":0}}", System.Text.Encoding.UTF8, "application/json"),
            };
            var answer = await client.SendAsync(request);
            Assert.True(answer.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"{raw}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/forms/drafts/{id}")).StatusCode);
    }
}
