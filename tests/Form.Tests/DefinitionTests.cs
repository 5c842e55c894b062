using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Form.Definitions;

namespace Municipal.Form.Tests;

public sealed class DefinitionTests(FormFactory factory) : IClassFixture<FormFactory>
{
    private static readonly string[] Shipped =
        ["care-facility-registration", "deregistration-abroad", "disabled-parking-permit", "dog-registration", "move", "naturalisation",
         "residence-registration", "tax-enquiry", "tax-return"];

    [Fact]
    public void Every_shipped_definition_loads_with_ids_equal_to_concern_keys()
    {
        var catalog = new FormCatalog();
        // Beside the concerns' own forms, the confirmation any consultation may use (room probe F5), never listed alone.
        Assert.Equal(Shipped.Append("consultation-confirmation").Order(), catalog.All.Select(d => d.Id).Order());
        Assert.All(catalog.All.Where(d => !d.ForAnyConcern), d => Assert.Equal(d.Id, d.ConcernKey));
        Assert.Equal((FormDefinition.AnyConcern, FormDefinition.AnyConcern), (catalog.Find("consultation-confirmation")!.ConcernKey, catalog.Find("consultation-confirmation")!.DepartmentKey));
        Assert.Equal("tax-office", catalog.Find("tax-enquiry")!.DepartmentKey);
        // Person groups are written out after eCH-0044, addresses after eCH-0010.
        var registration = catalog.Find("residence-registration")!;
        Assert.NotNull(registration.Leaf("applicant.officialName"));
        Assert.NotNull(registration.Leaf("previousAddress.foreignZipCode"));
        Assert.Null(registration.Leaf("newAddress.countryIso2"));
        Assert.Null(registration.Leaf("newAddress.swissZipCode")!.VisibleWhen);
    }

    [Fact]
    public void A_definition_whose_condition_looks_ahead_is_refused()
    {
        var json = """
            {"id":"x","version":1,"concernKey":"x","departmentKey":"d","title":{"de":"x","en":"x"},"sections":[{"id":"s","title":{"de":"s","en":"s"},"fields":[
              {"id":"a","type":"text","label":{"de":"a","en":"a"},"visibleWhen":{"field":"b","equals":"1"}},
              {"id":"b","type":"text","label":{"de":"b","en":"b"}},
              {"id":"e","type":"email","label":{"de":"e","en":"e"}}]}]}
            """;
        var error = Assert.Throws<InvalidDataException>(() => FormCatalog.Prepare(FormCatalog.Parse(json)));
        Assert.Contains("not an earlier field", error.Message);
    }

    [Theory]
    [InlineData("\"(a\"", "does not compile")]
    [InlineData("\"[z-a]\"", "does not compile")]
    [InlineData("\"a)(b\"", "does not compile")]
    [InlineData("12", "without a pattern")]
    [InlineData("null", "without a pattern")]
    public void A_definition_whose_pattern_does_not_compile_is_refused_at_load(string pattern, string expected)
    {
        var json = RuleVectorTests.Catastrophic.Replace("\"(a+)+$\"", pattern, StringComparison.Ordinal);
        var error = Assert.Throws<InvalidDataException>(() => new FormCatalog([FormCatalog.Parse(json)]));
        Assert.Contains("Form definition catastrophic: code has a pattern", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A resident's value that a form's pattern backtracks on for ever is refused in time, field named, as any value
    /// the pattern does not describe: the draft still opens, the validation answers, signing is refused (never a 500).
    /// </summary>
    [Fact]
    public async Task A_catastrophic_pattern_refuses_the_residents_value_in_time_with_the_field_named()
    {
        using var app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(new FormCatalog([FormCatalog.Parse(RuleVectorTests.Catastrophic)]))));
        var (id, token) = await Residents.NewDraftAsync(app.CreateClient(), "catastrophic");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Resident-Token", token);
        client.DefaultRequestHeaders.Add("Accept-Language", "en");
        var value = new string('a', 60) + "!";
        var watch = Stopwatch.StartNew();
        await Residents.FillAsync(client, id, new Dictionary<string, object> { ["code"] = value, ["email"] = "anna@example.org" });

        var draft = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        var error = Assert.Single(draft.GetProperty("errors").EnumerateArray());
        Assert.Equal(("code", "pattern"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));

        var validated = await client.PostAsJsonAsync("/api/forms/definitions/catastrophic/validate", new { values = new { code = value } });
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Contains((await validated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("field").GetString() == "code" && e.GetProperty("code").GetString() == "pattern");

        var signing = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "drawn" } });
        Assert.Equal(HttpStatusCode.BadRequest, signing.StatusCode);
        Assert.Equal("application/problem+json", signing.Content.Headers.ContentType?.MediaType);
        var problem = await signing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Only the letter a.", problem.GetProperty("errors").GetProperty("code")[0].GetString());
        Assert.Equal("rule.pattern", problem.GetProperty("reasons").GetProperty("code").GetString());
        // Three evaluations (the draft, the validation, the signing), each cut off after 0.1 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"The resident waited {watch.Elapsed}.");
    }

    [Fact]
    public async Task Definitions_are_listed_by_concern_and_served_anonymously()
    {
        var client = factory.CreateClient();
        var all = await client.GetFromJsonAsync<JsonElement>("/api/forms/definitions");
        Assert.Equal(Shipped.Length, all.GetArrayLength());
        var dogs = await client.GetFromJsonAsync<JsonElement>("/api/forms/definitions?concern=dog-registration");
        Assert.Equal("dog-registration", dogs.EnumerateArray().Single().GetProperty("id").GetString());

        var one = await client.GetFromJsonAsync<JsonElement>("/api/forms/definitions/residence-registration");
        var fields = one.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("fields").EnumerateArray()).ToList();
        var applicant = fields.Single(f => f.GetProperty("id").GetString() == "applicant");
        Assert.Equal("Official name", applicant.GetProperty("fields")[0].GetProperty("label").GetProperty("en").GetString());

        var missing = await client.GetAsync("/api/forms/definitions/no-such-form");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Validate_names_the_fields_and_is_empty_when_valid()
    {
        var client = factory.CreateClient();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich")).DateTime);
        var values = new Dictionary<string, object?>
        {
            ["applicant.officialName"] = "Muster", ["applicant.firstName"] = "Anna", ["applicant.sex"] = "2",
            ["applicant.dateOfBirth"] = "1990-05-17", ["applicant.nationality"] = "CH",
            ["moveInDate"] = today.AddDays(15).ToString("yyyy-MM-dd"), ["residenceType"] = "main",
            ["newAddress.street"] = "Marktgasse", ["newAddress.houseNumber"] = "12", ["newAddress.swissZipCode"] = "8400", ["newAddress.town"] = "Winterthur",
            ["previousAddress.street"] = "Hauptstrasse", ["previousAddress.houseNumber"] = "1", ["previousAddress.countryIso2"] = "CH",
            ["previousAddress.swissZipCode"] = "3000", ["previousAddress.town"] = "Bern", ["landlord"] = "Stadtwohnungen AG",
            ["email"] = "anna@example.org", ["truthful"] = true,
        };
        var response = await client.PostAsJsonAsync("/api/forms/definitions/residence-registration/validate?lang=en", new { values });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var error = Assert.Single(errors.EnumerateArray());
        Assert.Equal("moveInDate", error.GetProperty("field").GetString());
        Assert.Equal("maxDaysAhead", error.GetProperty("code").GetString());
        Assert.Equal("The date may be at most 14 days ahead.", error.GetProperty("message").GetString());

        values["moveInDate"] = today.AddDays(14).ToString("yyyy-MM-dd");
        response = await client.PostAsJsonAsync("/api/forms/definitions/residence-registration/validate", new { values });
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetArrayLength());

        var bad = await client.PostAsJsonAsync("/api/forms/definitions/residence-registration/validate", new { });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("values", out _));
    }

    [Theory]
    [InlineData("?lang=fr", null, "La date peut se situer au plus 14 jours dans le futur.")]
    [InlineData("", "it-CH,it;q=0.9,de;q=0.5", "La data può essere al massimo 14 giorni nel futuro.")]
    [InlineData("?lang=de-x-ls", null, "Dieses Datum ist zu weit weg. Es darf höchstens 14 Tage nach heute sein.")]
    public async Task Rule_messages_come_in_the_callers_language(string query, string? acceptLanguage, string expected)
    {
        var client = factory.CreateClient();
        if (acceptLanguage is not null) client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich")).DateTime);
        var values = new Dictionary<string, object?> { ["moveInDate"] = today.AddDays(15).ToString("yyyy-MM-dd") };
        var response = await client.PostAsJsonAsync($"/api/forms/definitions/residence-registration/validate{query}", new { values });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray();
        var moveIn = errors.Single(e => e.GetProperty("field").GetString() == "moveInDate");
        Assert.Equal("maxDaysAhead", moveIn.GetProperty("code").GetString());
        Assert.Equal(expected, moveIn.GetProperty("message").GetString());
    }
}
