using System.Globalization;

namespace Municipal.ServiceDefaults;

/// <summary>
/// The languages a resident can read the counter in: German, English, French, Italian and Leichte Sprache
/// (plain German, <c>de-x-ls</c>). APIs accept exactly these codes; a text missing in Leichte Sprache falls back to
/// German, one missing in French or Italian to German too (the city's names are German first).
/// </summary>
public static class Languages
{
    public const string German = "de";
    public const string English = "en";
    public const string French = "fr";
    public const string Italian = "it";
    public const string EasyGerman = "de-x-ls";

    public static readonly IReadOnlyList<string> All = [German, English, French, Italian, EasyGerman];

    /// <summary>What a validation problem says when a code is not one of <see cref="All"/>.</summary>
    public const string Expected = "Use 'de', 'en', 'fr', 'it' or 'de-x-ls'.";

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);

    /// <summary>The code as given when known, German when none was given, null when it is not one of ours.</summary>
    public static string? Parse(string? code) => code is null ? German : IsKnown(code) ? code : null;

    /// <summary>The code as given when known, else German: for values already validated or stored.</summary>
    public static string OrGerman(string? code) => IsKnown(code) ? code! : German;

    /// <summary>Dates and numbers: the Swiss variants, since the cities are Swiss (English as in Britain).</summary>
    public static CultureInfo Culture(string? code) => CultureInfo.GetCultureInfo(code switch
    {
        English => "en-GB",
        French => "fr-CH",
        Italian => "it-CH",
        _ => "de-CH",
    });

    /// <summary>One of five texts by language; Leichte Sprache falls back to German when it has none.</summary>
    public static string Choose(string? code, string de, string en, string fr, string it, string? easy = null) => code switch
    {
        English => en,
        French => fr,
        Italian => it,
        EasyGerman => easy ?? de,
        _ => de,
    };

    /// <summary>
    /// One of the city's own texts (a department's or concern's name, a closure's reason), kept in German, English, French
    /// and Italian: German is required, an empty translation is "not yet" and reads German, never an empty name.
    /// </summary>
    public static string CityText(string? code, string de, string en, string fr, string it) =>
        Choose(code, de, en, fr, it) is { } text && !string.IsNullOrWhiteSpace(text) ? text : de;
}
