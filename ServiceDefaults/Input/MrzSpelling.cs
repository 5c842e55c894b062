using System.Globalization;
using System.Text;

namespace Municipal.ServiceDefaults.Input;

/// <summary>
/// Names as a machine-readable zone writes them (ICAO Doc 9303 part 3 §6): capitals A–Z only, Ä→AE, Ö→OE, Ü→UE,
/// ß→SS, accents dropped, hyphens and apostrophes as a gap. Identity compares the booked name with the document's
/// this way; forms use it to find the booked spelling of the names the document gives transliterated.
/// </summary>
public static class MrzSpelling
{
    /// <summary>The words of <paramref name="name"/> as an MRZ writes them ("Öztürk-Müller" → OEZTUERK, MUELLER).</summary>
    public static List<string> Words(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name.ToUpperInvariant())
        {
            builder.Append(c switch
            {
                'Ä' => "AE",
                'Ö' => "OE",
                'Ü' => "UE",
                'ß' or 'ẞ' => "SS",
                'Å' => "AA",
                'Æ' => "AE",
                'Ø' => "OE",
                'Œ' => "OE",
                'Ð' => "D",
                'Þ' => "TH",
                _ => c.ToString(),
            });
        }
        var decomposed = builder.ToString().Normalize(NormalizationForm.FormD);
        var letters = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            letters.Append(char.IsAsciiLetterUpper(c) ? c : ' ');
        }
        return letters.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>
    /// The booked spelling of a document's names: where <paramref name="booked"/> ("Amélie Öztürk-Müller"), written
    /// as an MRZ writes names, is exactly the document's given names and surname (in either order), its own words for
    /// each (surname "Öztürk-Müller", given names "Amélie"); otherwise null, and the document's names stand.
    /// </summary>
    public static (string Surname, string GivenNames)? BookedSpelling(string? booked, string surname, string givenNames)
    {
        if (string.IsNullOrWhiteSpace(booked)) return null;
        var tokens = booked.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (surnameWords, givenWords) = (Words(surname), Words(givenNames));
        if (surnameWords.Count == 0 || givenWords.Count == 0) return null;
        bool Same(IEnumerable<string> part, List<string> words) => part.SelectMany(Words).SequenceEqual(words);
        for (var split = 1; split < tokens.Length; split++)
        {
            var (first, rest) = (tokens[..split], tokens[split..]);
            if (Same(first, givenWords) && Same(rest, surnameWords)) return (string.Join(' ', rest), string.Join(' ', first));
            if (Same(first, surnameWords) && Same(rest, givenWords)) return (string.Join(' ', first), string.Join(' ', rest));
        }
        return null;
    }
}
