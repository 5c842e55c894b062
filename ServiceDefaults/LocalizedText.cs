namespace Municipal.ServiceDefaults;

/// <summary>
/// A text kept per language: the services' own texts (form titles and fields, identity's checklist) always have German
/// and English; the city's texts (concern and department names, closure reasons) have German and whatever the city
/// translated, an untranslated language being null so a page falls back to the city's default language (i18n.js
/// <c>pick</c>). Read on the server, a missing language (and Leichte Sprache) reads the German.
/// </summary>
public sealed record LocalizedText(string De, string? En = null, string? Fr = null, string? It = null)
{
    public string For(string language) => language switch
    {
        "en" => En ?? De,
        "fr" => Fr ?? De,
        "it" => It ?? De,
        _ => De,
    };

    /// <summary>A text as the city entered it: a blank translation counts as none.</summary>
    public static LocalizedText Given(string de, string? en, string? fr = null, string? it = null) =>
        new(de, Blank(en), Blank(fr), Blank(it));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
