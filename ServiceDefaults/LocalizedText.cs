namespace Municipal.ServiceDefaults;

/// <summary>
/// A text the services keep per language (form titles and fields, identity's checklist): German and English, optionally
/// French and Italian; a missing one (and Leichte Sprache) reads the German. Pages pick theirs with i18n.js pick().
/// </summary>
public sealed record LocalizedText(string De, string En, string? Fr = null, string? It = null)
{
    public string For(string language) => language switch
    {
        "en" => En,
        "fr" => Fr ?? De,
        "it" => It ?? De,
        _ => De,
    };
}
