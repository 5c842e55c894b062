using System.Text.RegularExpressions;

namespace Municipal.ServiceDefaults.Mail;

/// <summary>
/// French puts a space before <c>: ; ! ?</c> and inside « », and it must not break there: a mail reader that wraps a
/// line at that space starts the next line with the colon ("Numéro de quittance" / ": K-2026-000123"). The pages write
/// no-break spaces; the mails' texts were written with ordinary ones, some with no-break ones. Every French mail now
/// goes out with no-break spaces (U+00A0) there, whoever wrote the text (a clerk's note too). A URL has no space before
/// its "?", so links are left as they are.
/// </summary>
public static partial class FrenchSpacing
{
    public static string Apply(string text) => Inside().Replace(Before().Replace(text, "\u00a0$1"), "«\u00a0");

    [GeneratedRegex(@"(?<=\S)[ \t]+([:;!?»])")]
    private static partial Regex Before();

    [GeneratedRegex(@"«[ \t]+")]
    private static partial Regex Inside();
}
