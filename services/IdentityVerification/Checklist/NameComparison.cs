using Municipal.ServiceDefaults.Input;

namespace Municipal.IdentityVerification.Checklist;

/// <summary>
/// "match", "mismatch" or "unknown" (nothing to compare with) for each part of the booked name. There is no
/// birth date to compare: booking does not ask for one (the clerk reads it from the document and the resident).
/// </summary>
public sealed record NameComparison(string Surname, string GivenNames)
{
    public const string Match = "match";
    public const string Mismatch = "mismatch";
    public const string Unknown = "unknown";

    public bool AllMatchOrUnknown => new[] { Surname, GivenNames }.All(r => r != Mismatch);

    /// <summary>
    /// Compares the MRZ names with the name the resident booked under. The MRZ writes names transliterated
    /// (ICAO Doc 9303 part 3 §6: Ä→AE, ß→SS, accents dropped) and may truncate them, so the booking name is
    /// transliterated the same way and a truncated last word may be a prefix.
    /// </summary>
    public static NameComparison Compare(string surname, string givenNames, bool truncated, string? bookedName)
    {
        if (string.IsNullOrWhiteSpace(bookedName))
        {
            return new NameComparison(Unknown, Unknown);
        }

        var booked = Words(bookedName);
        var surnameWords = Words(surname);
        var givenWords = Words(givenNames);
        var lastWord = givenWords.Count > 0 ? givenWords[^1] : surnameWords.LastOrDefault();

        bool Contains(string word) => booked.Contains(word) || (truncated && word == lastWord && booked.Any(b => b.StartsWith(word, StringComparison.Ordinal)));

        var surnameResult = surnameWords.Count > 0 && surnameWords.All(Contains) ? Match : Mismatch;
        // People book under their usual first name; one of the given names on the document is enough.
        var givenResult = givenWords.Count == 0 ? Unknown : givenWords.Any(Contains) ? Match : Mismatch;
        return new NameComparison(surnameResult, givenResult);
    }

    /// <summary>The words of a name as an MRZ writes them (<see cref="MrzSpelling.Words"/>).</summary>
    public static List<string> Words(string name) => MrzSpelling.Words(name);
}
