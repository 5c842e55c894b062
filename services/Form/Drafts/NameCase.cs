using System.Globalization;
using System.Text;

namespace Municipal.Form.Drafts;

/// <summary>
/// An ID document's machine-readable zone writes names in capitals ("MUSTER-MEIER"); forms, dossiers and the
/// mails that greet the resident use the usual spelling ("Muster-Meier"). Names already in mixed case stay as
/// they are; particles ("von", "de") cannot be told from the MRZ and are left for the resident or clerk to correct.
/// </summary>
public static class NameCase
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-CH");

    public static string FromMrz(string name)
    {
        if (name.Any(char.IsLower)) return name;
        var result = new StringBuilder(name.Length);
        var startOfWord = true;
        foreach (var c in name)
        {
            result.Append(startOfWord ? char.ToUpper(c, German) : char.ToLower(c, German));
            startOfWord = c is ' ' or '-' or '\'' or '’';
        }
        return result.ToString();
    }
}
