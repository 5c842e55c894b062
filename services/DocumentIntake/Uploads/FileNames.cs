using System.Globalization;
using System.Text;
using Municipal.DocumentIntake.Inspection;

namespace Municipal.DocumentIntake.Uploads;

/// <summary>
/// A resident's file name is only ever shown, never used as a path: keep the last segment, drop control and
/// bidirectional-override characters and characters that file systems or headers treat specially, and bound it.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 120;
    private const string Forbidden = "<>:\"/\\|?*";

    public static string Sanitise(string? name, FileKind? kind = null)
    {
        var value = name ?? "";
        var builder = new StringBuilder(value.Length);
        // By code point, not by UTF-16 unit: "🐕.pdf" keeps its dog (an emoji is two units, each a surrogate alone);
        // a lone surrogate is not text and goes, as a malformed sequence decoded by the form reader would.
        var runes = value.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            // A zero-width joiner or non-joiner between two characters is part of the text: 👨‍👩‍👧 is one family, not three
            // people (outside probe), and Persian writes words with U+200C. Anywhere else it is hidden and goes.
            if (runes[i].Value is 0x200C or 0x200D && i > 0 && i + 1 < runes.Count && Shown(runes[i - 1]) && Shown(runes[i + 1]))
            {
                builder.Append(runes[i].ToString());
                continue;
            }
            if (Hidden(runes[i])) continue;
            builder.Append(runes[i].ToString());
        }
        // Normalised only now: a lone surrogate makes Normalize throw.
        value = builder.ToString().Normalize(NormalizationForm.FormC);
        var lastSeparator = value.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0) value = value[(lastSeparator + 1)..];
        value = string.Concat(value.Select(c => Forbidden.Contains(c) ? '_' : c)).Trim().TrimEnd('.').Trim();
        while (value.Contains("..", StringComparison.Ordinal)) value = value.Replace("..", ".", StringComparison.Ordinal);

        // ".pdf" is a name of only an extension: its stem is empty, not "pdf".
        var extension = Path.GetExtension(value);
        var stem = (extension.Length > 0 ? value[..^extension.Length] : value).TrimStart('.').Trim();
        if (kind is not null && !kind.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase)) extension = kind.Extension;
        if (extension.Length > 10) extension = extension[..10];
        if (stem.Length == 0) stem = "document";
        var room = MaxLength - extension.Length;
        if (stem.Length > room) stem = WholeTextElements(stem, room).TrimEnd();
        return stem + extension.ToLowerInvariant();
    }

    /// <summary>Not text to be shown: controls, format and separator characters, surrogates alone, private use, U+FFFD.</summary>
    private static bool Hidden(Rune rune) =>
        rune == Rune.ReplacementChar || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse;

    private static bool Shown(Rune rune) => !Hidden(rune) && !Rune.IsWhiteSpace(rune);

    /// <summary>The longest start of <paramref name="text"/> of at most <paramref name="length"/> units that cuts no character (an emoji, a letter with its accents) in two.</summary>
    private static string WholeTextElements(string text, int length)
    {
        var end = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + elements.GetTextElement().Length;
            if (next > length) break;
            end = next;
        }
        return text[..end];
    }
}
