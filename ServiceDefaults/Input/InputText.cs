using System.Text.RegularExpressions;

namespace Municipal.ServiceDefaults.Input;

/// <summary>
/// What text may contain. Control characters (NUL, ESC, DEL, C1 …) are never meant: Postgres refuses NUL, mail
/// headers and calendar files break on raw line breaks. Multi-line text (notes, reasons, form answers) keeps tab and
/// line breaks; single-line text (names, addresses, keys, ids) keeps none, nor Unicode's line and paragraph separators,
/// the controls that turn the direction of what follows or characters that take no room (zero-width space …). No letter,
/// in either, carries more than <see cref="MaxCombiningMarks"/> combining marks.
/// </summary>
public static partial class InputText
{
    /// <summary>Why the text is not acceptable, or null when it is.</summary>
    public static string? Problem(string? value, bool singleLine, bool directionControlsDropped = false) =>
        Refusal(value, singleLine, directionControlsDropped)?.Text;

    /// <summary>Why the text is not acceptable (with its reason code), or null when it is.</summary>
    /// <param name="directionControlsDropped">
    /// True for a one-line value that is never shown as it came, only after its direction controls were dropped (an
    /// uploaded file's name): those controls are no reason to refuse it then.
    /// </param>
    public static Reason? Refusal(string? value, bool singleLine, bool directionControlsDropped = false)
    {
        if (value is null) return null;
        var marks = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                marks = 0;
                continue;
            }
            if (char.IsSurrogate(c)) return Reasons.InvalidCharacter;
            marks = IsCombiningMark(c) ? marks + 1 : 0;
            if (marks > MaxCombiningMarks) return Reasons.InvalidCharacter;
            if (singleLine && c is '\u2028' or '\u2029') return Reasons.OneLine;
            if (singleLine && !directionControlsDropped && IsDirectionOverride(c)) return Reasons.InvalidCharacter;
            if (singleLine && !directionControlsDropped && IsInvisible(value, i)) return InvisibleCharacter;
            if (!char.IsControl(c)) continue;
            if (!singleLine && c is '\t' or '\n' or '\r') continue;
            return singleLine && c is '\t' or '\n' or '\r'
                ? Reasons.OneLine
                : Reasons.ControlCharacter;
        }
        return null;
    }

    /// <summary>
    /// The most combining marks one letter carries, in one line or several. Writing needs few (Vietnamese written
    /// decomposed two, pointed Hebrew three); dozens stack into a column of accents over the lines above and below in
    /// every list that shows the value (the probe named a clerk, a kiosk and a hand-on's reason "é" with 90 to 300 acute
    /// accents; probe 5 wrote a chat line of one "e" under 3,999, drawn over the whole of the other side's transcript).
    /// </summary>
    public const int MaxCombiningMarks = 6;

    private static bool IsCombiningMark(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark;

    /// <summary>
    /// The invisible characters that embed, override or isolate the direction of the text after them (U+202A–U+202E,
    /// U+2066–U+2069). In a name or an address they make it show as something else than it is ("Trojan Source"): the
    /// clerk, a mail or a calendar would read other letters than the ones stored. Right-to-left names need none of them;
    /// the direction marks (U+200E, U+200F) and the joiners some scripts need (U+200C, U+200D) stay allowed.
    /// </summary>
    private static bool IsDirectionOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// For multi-line text another person reads as it was written (a concern's description on the start page): the
    /// direction controls refused as in one line; line breaks stay.
    /// </summary>
    public static Reason? DirectionOverrideRefusal(string? value) =>
        value is not null && value.Any(IsDirectionOverride) ? Reasons.InvalidCharacter : null;

    /// <summary>A one-line value holds a character that takes no room: "Gi\u200Bna" shows as "Gina" and is not equal to it.</summary>
    public static Reason InvisibleCharacter => new Reason("invisible-character", "This value contains an invisible character (such as a zero-width space).");

    /// <summary>
    /// Whether the character at <paramref name="i"/> takes no room and means nothing in a name, an address or a key: the
    /// zero-width space (U+200B), the word joiner and invisible operators (U+2060–U+2064), the byte order mark (U+FEFF)
    /// and the Mongolian vowel separator (U+180E). The zero-width non-joiner and joiner (U+200C, U+200D) are refused too,
    /// except between two letters of a script that shapes with them (Persian, Arabic, the Indic scripts …: not Latin,
    /// Greek or Cyrillic), as Persian names often hold.
    /// </summary>
    private static bool IsInvisible(string value, int i) => value[i] switch
    {
        '\u200B' or '\u180E' or '\uFEFF' or (>= '\u2060' and <= '\u2064') => true,
        '\u200C' or '\u200D' => !(i > 0 && i + 1 < value.Length && Shapes(value[i - 1]) && Shapes(value[i + 1])),
        _ => false,
    };

    /// <summary>A letter or combining mark of a script from Hebrew (U+0590) on, where joiners change how letters join.</summary>
    private static bool Shapes(char c) => c >= '\u0590' && !char.IsSurrogate(c)
        && char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.OtherLetter or System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>
    /// Fields that hold one line: names of people and things, e-mail addresses, phone numbers, keys, ids, codes and
    /// languages. Decided by the field's (JSON or query) name, the last segment of a path such as <c>values.lastName</c>.
    /// </summary>
    public static bool IsSingleLine(string field)
    {
        var last = field[(field.LastIndexOf('.') + 1)..];
        return SingleLineField().IsMatch(last);
    }

    /// <summary>
    /// Why a person's name (booking name, invited person …) is not acceptable, or null. Names go into mails, calendar
    /// files and documents: no control characters, and nothing a mail program would turn into a link.
    /// </summary>
    public static Reason? PersonNameProblem(string? name)
    {
        if (Refusal(name, singleLine: true) is { } problem) return problem;
        if (name is not null && LinkLike().IsMatch(name)) return Reasons.NameWithLink;
        return null;
    }

    [GeneratedRegex(@"^(.*name|.*names|.*email|.*mail|.*phone|.*key|.*keys|id|.*Id|.*ids|.*Ids|code|language|kind|status|type|mode|token)$", RegexOptions.IgnoreCase)]
    private static partial Regex SingleLineField();

    [GeneratedRegex(@"://|www\.|@|[a-z0-9-]{2}\.(com|net|org|info|io|biz|example|xyz|ru|cn|app|link|top|online|site)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LinkLike();
}
