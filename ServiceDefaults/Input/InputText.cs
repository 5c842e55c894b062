using System.Text.RegularExpressions;

namespace Municipal.ServiceDefaults.Input;

/// <summary>
/// What text may contain. Control characters (NUL, ESC, DEL, C1 …) are never meant: Postgres refuses NUL, mail
/// headers and calendar files break on raw line breaks. Multi-line text (notes, reasons, form answers) keeps tab and
/// line breaks; single-line text (names, addresses, keys, ids) keeps none.
/// </summary>
public static partial class InputText
{
    /// <summary>Why the text is not acceptable, or null when it is.</summary>
    public static string? Problem(string? value, bool singleLine) => Refusal(value, singleLine)?.Text;

    /// <summary>Why the text is not acceptable (with its reason code), or null when it is.</summary>
    public static Reason? Refusal(string? value, bool singleLine)
    {
        if (value is null) return null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return Reasons.InvalidCharacter;
            if (!char.IsControl(c)) continue;
            if (!singleLine && c is '\t' or '\n' or '\r') continue;
            return singleLine && c is '\t' or '\n' or '\r'
                ? Reasons.OneLine
                : Reasons.ControlCharacter;
        }
        return null;
    }

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
