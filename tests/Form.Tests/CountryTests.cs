using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Form.Definitions;
using Municipal.Form.Pdf;

namespace Municipal.Form.Tests;

/// <summary>Issue 16 item 4: nationality and country offer every ISO 3166-1 country, checked on the server and named in the PDF.</summary>
public sealed class CountryTests(FormFactory factory) : IClassFixture<FormFactory>
{
    [Fact]
    public void Nationality_and_country_offer_the_full_iso_list_with_switzerland_first()
    {
        var registration = new FormCatalog().Find("residence-registration")!;
        foreach (var id in new[] { "applicant.nationality", "previousAddress.countryIso2" })
        {
            var field = registration.Leaf(id)!;
            Assert.Equal("countries", field.OptionSet);
            Assert.True(field.Options!.Count >= 249, $"{id} offers {field.Options.Count} countries");
            Assert.Equal("CH", field.Options[0].Value);
            Assert.Contains(field.Options, o => o.Value == "UA" && o.Label.De == "Ukraine");
            Assert.Contains(field.Options, o => o.Value == "BR" && o.Label.De == "Brasilien" && o.Label.En == "Brazil");
            Assert.Contains(field.Options, o => o.Value == "ER" && o.Label.De == "Eritrea");
        }
        // A foreign previous address asks for the foreign postcode, whatever the country.
        var foreign = registration.Leaf("previousAddress.foreignZipCode")!.VisibleWhen!.In!.Select(v => v.GetString()).ToList();
        Assert.Contains("ER", foreign);
        Assert.DoesNotContain("CH", foreign);
    }

    [Theory]
    [InlineData("UA", "BR", 0)]
    [InlineData("ER", "UA", 0)]
    [InlineData("ZZ", "BR", 1)]
    [InlineData("ua", "XX", 2)]
    public async Task The_server_accepts_iso_codes_and_refuses_others(string nationality, string previousCountry, int errors)
    {
        var values = new Dictionary<string, object?>
        {
            ["applicant.officialName"] = "Shevchenko", ["applicant.firstName"] = "Olena", ["applicant.sex"] = "2",
            ["applicant.dateOfBirth"] = "1988-02-03", ["applicant.nationality"] = nationality,
            ["moveInDate"] = DateTime.UtcNow.ToString("yyyy-MM-dd"), ["residenceType"] = "main",
            ["newAddress.street"] = "Marktgasse", ["newAddress.houseNumber"] = "12", ["newAddress.swissZipCode"] = "8400", ["newAddress.town"] = "Winterthur",
            ["previousAddress.street"] = "Khreshchatyk", ["previousAddress.houseNumber"] = "1", ["previousAddress.countryIso2"] = previousCountry,
            ["previousAddress.foreignZipCode"] = "01001", ["previousAddress.town"] = "Kyiv", ["landlord"] = "Stadtwohnungen AG",
            ["email"] = "olena@example.org", ["truthful"] = true,
        };
        var response = await factory.CreateClient().PostAsJsonAsync("/api/forms/definitions/residence-registration/validate", new { values });
        var found = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(errors, found.Count);
        Assert.All(found, e => Assert.Equal("choice", e.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("de", "Eritrea", "Brasilien")]
    [InlineData("en", "Eritrea", "Brazil")]
    public void The_printed_submission_names_the_countries(string language, string nationality, string previousCountry)
    {
        var definition = new FormCatalog().Find("residence-registration")!;
        var values = new Dictionary<string, JsonElement>
        {
            ["applicant.nationality"] = JsonSerializer.SerializeToElement("ER"),
            ["previousAddress.countryIso2"] = JsonSerializer.SerializeToElement("BR"),
        };
        var html = SubmissionDocument.Html(new(definition, values, "F-2026-ABCDEF", language, DateTimeOffset.UtcNow, "drawn", null, "", "00"));
        Assert.Contains($"<td>{nationality}</td>", html);
        Assert.Contains($"<td>{previousCountry}</td>", html);
    }
}
