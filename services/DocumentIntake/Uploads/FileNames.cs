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
        var value = (name ?? "").Normalize(NormalizationForm.FormC);
        var lastSeparator = value.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0) value = value[(lastSeparator + 1)..];

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse) continue;
            builder.Append(Forbidden.Contains(c) ? '_' : c);
        }
        value = builder.ToString().Trim().Trim('.').Trim();
        while (value.Contains("..", StringComparison.Ordinal)) value = value.Replace("..", ".", StringComparison.Ordinal);

        var extension = Path.GetExtension(value);
        var stem = extension.Length > 0 ? value[..^extension.Length] : value;
        if (kind is not null && !kind.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase)) extension = kind.Extension;
        if (extension.Length > 10) extension = extension[..10];
        if (stem.Trim().Length == 0) stem = "document";
        var room = MaxLength - extension.Length;
        if (stem.Length > room) stem = stem[..room].TrimEnd();
        return stem + extension.ToLowerInvariant();
    }
}
