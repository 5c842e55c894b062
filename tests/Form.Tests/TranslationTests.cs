using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Form.Definitions;
using Municipal.Form.Pdf;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Tests;

/// <summary>
/// Issue 17: every text of every shipped form (titles, labels, help, options, rule messages, the person and address
/// groups) exists in German, English, French and Italian, so a text added in one language only fails here.
/// </summary>
public sealed class TranslationTests(FormFactory factory) : IClassFixture<FormFactory>
{
    private static readonly string[] Languages = ["de", "en", "fr", "it"];

    [Fact]
    public void Every_text_of_every_shipped_form_has_all_four_languages()
    {
        var missing = new List<string>();
        foreach (var definition in new FormCatalog().All)
        {
            // The served shape: what the browser reads is what is checked.
            var served = JsonSerializer.SerializeToElement(definition, FormCatalog.Json);
            Walk(served, definition.Id, missing);
        }
        Assert.True(missing.Count == 0, $"{missing.Count} texts lack a language, e.g.:\n{string.Join("\n", missing.Take(20))}");
    }

    [Fact]
    public void The_walk_notices_a_text_in_german_and_english_only()
    {
        var missing = new List<string>();
        Walk(JsonSerializer.SerializeToElement(new { label = new LocalizedText("Hund", "Dog") }, FormCatalog.Json), "probe", missing);
        Assert.Equal(["probe.label: fr", "probe.label: it"], missing);
    }

    [Theory]
    [InlineData("fr", "La date peut se situer au plus 14 jours dans le futur.")]
    [InlineData("it", "La data può essere al massimo 14 giorni nel futuro.")]
    public async Task The_server_explains_a_broken_rule_in_the_residents_language(string language, string expected)
    {
        var values = new Dictionary<string, object?> { ["moveDate"] = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd") };
        var response = await factory.CreateClient().PostAsJsonAsync($"/api/forms/definitions/move/validate?lang={language}", new { values });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        var moveDate = errors.Single(e => e.GetProperty("field").GetString() == "moveDate");
        Assert.Equal(expected, moveDate.GetProperty("message").GetString());
        var required = errors.First(e => e.GetProperty("code").GetString() == "required").GetProperty("message").GetString();
        Assert.Equal(language == "fr" ? "Veuillez remplir ce champ." : "Compilate questo campo.", required);
    }

    [Theory]
    [InlineData("fr", "Le numéro de puce a 15 chiffres.")]
    [InlineData("it", "Il numero del microchip ha 15 cifre.")]
    public async Task A_forms_own_rule_message_is_translated_too(string language, string expected)
    {
        var values = new Dictionary<string, object?> { ["microchip"] = "123" };
        var response = await factory.CreateClient().PostAsJsonAsync($"/api/forms/definitions/dog-registration/validate?lang={language}", new { values });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray();
        Assert.Equal(expected, errors.Single(e => e.GetProperty("field").GetString() == "microchip").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("fr", "Nationalité", "Érythrée", "Brésil", "Anmeldung des Wohnsitzes", "Annonce d’arrivée")]
    [InlineData("it", "Cittadinanza", "Eritrea", "Brasile", "Anmeldung des Wohnsitzes", "Notifica d’arrivo")]
    public void The_printed_submission_is_in_the_residents_language(
        string language, string nationalityLabel, string nationality, string previousCountry, string german, string title)
    {
        var definition = new FormCatalog().Find("residence-registration")!;
        var values = new Dictionary<string, JsonElement>
        {
            ["applicant.nationality"] = JsonSerializer.SerializeToElement("ER"),
            ["previousAddress.countryIso2"] = JsonSerializer.SerializeToElement("BR"),
            ["residenceType"] = JsonSerializer.SerializeToElement("main"),
        };
        var html = System.Net.WebUtility.HtmlDecode(
            SubmissionDocument.Html(new(definition, values, "F-2026-ABCDEF", language, DateTimeOffset.UtcNow, "drawn", null, "", "00")));
        Assert.Contains(title, html);
        Assert.DoesNotContain(german, html);
        Assert.Contains(nationalityLabel, html);
        // A group's label and its field's: French puts a non-breaking space before the colon.
        var colon = language == "fr" ? "\u00A0: " : ": ";
        Assert.Contains($"{colon}{nationalityLabel}</th>", html);
        if (language != "fr") Assert.DoesNotContain("\u00A0:", html);
        Assert.Contains($"<td>{nationality}</td>", html);
        Assert.Contains($"<td>{previousCountry}</td>", html);
        Assert.Contains(language == "fr" ? "<td>Domicile principal</td>" : "<td>Domicilio principale</td>", html);
    }

    private static void Walk(JsonElement element, string path, List<string> missing)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.TryGetProperty("de", out _) && element.TryGetProperty("en", out _):
                foreach (var language in Languages)
                    if (!element.TryGetProperty(language, out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString()))
                        missing.Add($"{path}: {language}");
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Walk(property.Value, $"{path}.{property.Name}", missing);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) ? $"{path}[{id}]" : $"{path}[{i++}]", missing);
                break;
        }
    }
}
