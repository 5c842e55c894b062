using System.Text.Json.Serialization;

namespace Municipal.ServiceDefaults;

/// <summary>
/// A text kept per language: the services' own texts (form titles and fields, identity's checklist) always have German
/// and English; the city's texts (concern and department names, closure reasons) have German and whatever the city
/// translated, an untranslated language being null so a page falls back to the city's default language (i18n.js
/// <c>pick</c>). Leichte Sprache (<c>de-x-ls</c>, <see cref="Easy"/>) is written where a text has it (every text of the
/// shipped forms, which Form.Tests' TranslationTests holds to); it is left out of the JSON when there is none, and a
/// page (i18n.js <c>pick</c>, form-view.js) then reads the German. Read on the server, a missing language reads the German.
/// </summary>
public sealed record LocalizedText(
    string De,
    string? En = null,
    string? Fr = null,
    string? It = null,
    [property: JsonPropertyName(Languages.EasyGerman), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Easy = null)
{
    public string For(string language) => language switch
    {
        Languages.English => En ?? De,
        Languages.French => Fr ?? De,
        Languages.Italian => It ?? De,
        Languages.EasyGerman => Easy ?? De,
        _ => De,
    };

    /// <summary>A text as the city entered it: a blank translation counts as none.</summary>
    public static LocalizedText Given(string de, string? en, string? fr = null, string? it = null) =>
        new(de, Blank(en), Blank(fr), Blank(it));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
