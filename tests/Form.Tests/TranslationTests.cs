using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Form.Definitions;
using Municipal.Form.Pdf;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Tests;

/// <summary>
/// Issue 17: every text of every shipped form (titles, labels, help, options, rule messages, the person and address
/// groups) exists in German, English, French, Italian and Leichte Sprache (de-x-ls), so a text added in one language
/// only fails here, and so does a new form written without Leichte Sprache. Country names are the exception: the pages
/// name them in their own language (Intl.DisplayNames), Leichte Sprache with the German names.
/// </summary>
public sealed class TranslationTests(FormFactory factory) : IClassFixture<FormFactory>
{
    private static readonly string[] Languages = ["de", "en", "fr", "it", "de-x-ls"];

    [Fact]
    public void Every_text_of_every_shipped_form_has_all_five_languages()
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
        Assert.Equal(["probe.label: fr", "probe.label: it", "probe.label: de-x-ls"], missing);
    }

    [Fact]
    public void The_walk_notices_a_form_text_without_leichte_sprache_and_leaves_country_names_alone()
    {
        var missing = new List<string>();
        var field = new FormField("dogSex", "choice", new LocalizedText("Geschlecht des Hundes", "Dog's sex", "Sexe du chien", "Sesso del cane", "Geschlecht vom Hund"),
            Options: [new("male", new LocalizedText("Rüde", "Male", "Mâle", "Maschio"))]);
        var country = new FormField("nationality", "choice", new LocalizedText("Land", "Country", "Pays", "Paese", "Land"),
            Options: [new("CH", new LocalizedText("Schweiz", "Switzerland", "Suisse", "Svizzera"))], OptionSet: "countries");
        Walk(JsonSerializer.SerializeToElement(new { fields = new[] { field, country } }, FormCatalog.Json), "probe", missing);
        Assert.Equal(["probe.fields[dogSex].options[0].label: de-x-ls"], missing);
    }

    [Fact]
    public void Every_default_rule_message_has_its_own_leichte_sprache()
    {
        foreach (var code in Municipal.Form.Rules.RuleMessages.Codes)
        {
            var easy = Municipal.Form.Rules.RuleMessages.For(code, "de-x-ls", "14", "Datum vom Einzug");
            Assert.NotEqual(Municipal.Form.Rules.RuleMessages.For(code, "de", "14", "Datum vom Einzug"), easy);
            Assert.DoesNotContain("{", easy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_form_is_served_with_its_leichte_sprache_beside_the_german()
    {
        var client = factory.CreateClient();
        var dog = await client.GetFromJsonAsync<JsonElement>("/api/forms/definitions/dog-registration");
        Assert.Equal("Hund anmelden", dog.GetProperty("title").GetProperty("de-x-ls").GetString());
        var fields = dog.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("fields").EnumerateArray()).ToList();
        var microchip = fields.Single(f => f.GetProperty("id").GetString() == "microchip");
        Assert.Equal("Mikrochip-Nummer", microchip.GetProperty("label").GetProperty("de").GetString());
        Assert.Equal("Nummer vom Mikro-Chip", microchip.GetProperty("label").GetProperty("de-x-ls").GetString());
        Assert.StartsWith("Die Nummer hat 15 Ziffern.", microchip.GetProperty("help").GetProperty("de-x-ls").GetString());
        // The person group's members, written out by the loader, carry theirs too.
        var owner = fields.Single(f => f.GetProperty("id").GetString() == "owner").GetProperty("fields").EnumerateArray();
        Assert.Equal("Alle Vornamen", owner.Single(f => f.GetProperty("id").GetString() == "owner.firstName").GetProperty("label").GetProperty("de-x-ls").GetString());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/forms/definitions");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("title").GetProperty("de-x-ls").GetString() == "Neu in der Stadt anmelden");
    }

    [Theory]
    [InlineData("fr", "La date peut se situer au plus 14 jours dans le futur.")]
    [InlineData("it", "La data può essere al massimo 14 giorni nel futuro.")]
    [InlineData("de-x-ls", "Dieses Datum ist zu weit weg. Es darf höchstens 14 Tage nach heute sein.")]
    public async Task The_server_explains_a_broken_rule_in_the_residents_language(string language, string expected)
    {
        var values = new Dictionary<string, object?> { ["moveDate"] = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd") };
        var response = await factory.CreateClient().PostAsJsonAsync($"/api/forms/definitions/move/validate?lang={language}", new { values });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        var moveDate = errors.Single(e => e.GetProperty("field").GetString() == "moveDate");
        Assert.Equal(expected, moveDate.GetProperty("message").GetString());
        var required = errors.First(e => e.GetProperty("code").GetString() == "required").GetProperty("message").GetString();
        Assert.Equal(language switch { "fr" => "Veuillez remplir ce champ.", "it" => "Compilate questo campo.", _ => "Bitte füllen Sie dieses Feld aus." }, required);
    }

    [Theory]
    [InlineData("fr", "Le numéro de puce a 15 chiffres.")]
    [InlineData("it", "Il numero del microchip ha 15 cifre.")]
    [InlineData("de-x-ls", "Die Nummer vom Mikro-Chip hat 15 Ziffern. Bitte prüfen Sie die Nummer.")]
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

    [Fact]
    public void The_printed_submission_in_leichte_sprache_uses_the_forms_leichte_sprache()
    {
        var definition = new FormCatalog().Find("residence-registration")!;
        var values = new Dictionary<string, JsonElement>
        {
            ["applicant.nationality"] = JsonSerializer.SerializeToElement("ER"),
            ["residenceType"] = JsonSerializer.SerializeToElement("main"),
        };
        var html = System.Net.WebUtility.HtmlDecode(
            SubmissionDocument.Html(new(definition, values, "F-2026-ABCDEF", "de-x-ls", DateTimeOffset.UtcNow, "drawn", null, "", "00")));
        Assert.Contains("<h1>Neu in der Stadt anmelden</h1>", html);
        Assert.Contains("Ihre Angaben: Nationalität (Land vom Pass)</th>", html);
        Assert.Contains("<td>Haupt-Wohnsitz: Hier wohne ich meistens</td>", html);
        Assert.DoesNotContain("Staatsangehörigkeit", html);
    }

    private static void Walk(JsonElement element, string path, List<string> missing)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.TryGetProperty("de", out var de) && de.ValueKind == JsonValueKind.String:
                foreach (var language in Languages)
                    if (!element.TryGetProperty(language, out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString()))
                        missing.Add($"{path}: {language}");
                break;
            case JsonValueKind.Object:
                var countries = element.TryGetProperty("optionSet", out var set) && set.ValueKind == JsonValueKind.String && set.GetString() == "countries";
                foreach (var property in element.EnumerateObject().Where(p => !(countries && p.Name == "options")))
                    Walk(property.Value, $"{path}.{property.Name}", missing);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) ? $"{path}[{id}]" : $"{path}[{i++}]", missing);
                break;
        }
    }
}
