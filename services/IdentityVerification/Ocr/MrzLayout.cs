namespace Municipal.IdentityVerification.Ocr;

/// <summary>
/// OCR confuses O and 0, I and 1, S and 5 … The MRZ layout says which positions hold only digits (dates, check
/// digits) and which only letters (codes, names), so such confusions can be undone where the layout is certain.
/// </summary>
public static class MrzLayout
{
    private static readonly Dictionary<char, char> ToDigit = new() { ['O'] = '0', ['Q'] = '0', ['D'] = '0', ['I'] = '1', ['L'] = '1', ['Z'] = '2', ['S'] = '5', ['G'] = '6', ['B'] = '8' };
    private static readonly Dictionary<char, char> ToLetter = new() { ['0'] = 'O', ['1'] = 'I', ['2'] = 'Z', ['5'] = 'S', ['6'] = 'G', ['8'] = 'B' };

    public static List<string> Correct(List<string> lines)
    {
        var chars = lines.Select(l => l.ToCharArray()).ToList();
        void Digits(int line, int from, int to) { for (var i = from; i < to && i < chars[line].Length; i++) chars[line][i] = ToDigit.GetValueOrDefault(chars[line][i], chars[line][i]); }
        void Letters(int line, int from, int to) { for (var i = from; i < to && i < chars[line].Length; i++) chars[line][i] = ToLetter.GetValueOrDefault(chars[line][i], chars[line][i]); }

        if (lines.Count == 3)
        {
            Letters(0, 0, 5);
            Digits(1, 0, 7);
            Letters(1, 7, 8);
            Digits(1, 8, 15);
            Letters(1, 15, 18);
            Digits(1, 29, 30);
            Letters(2, 0, 30);
        }
        else if (lines.Count == 2)
        {
            var last = lines[1].Length - 1;
            Letters(0, 0, lines[0].Length);
            Letters(1, 10, 13);
            Digits(1, 13, 20);
            Letters(1, 20, 21);
            Digits(1, 21, 28);
            if (lines[0][0] != 'V') Digits(1, last, last + 1);
        }
        var corrected = chars.Select(c => new string(c)).ToList();
        // The name field ends at its first run of three fillers; what follows is filler that noise made into letters.
        var (nameLine, nameStart) = lines.Count == 3 ? (2, 0) : (0, 5);
        if (nameLine < corrected.Count && corrected[nameLine].IndexOf("<<<", nameStart, StringComparison.Ordinal) is var end and >= 0)
        {
            corrected[nameLine] = corrected[nameLine][..end].PadRight(corrected[nameLine].Length, '<');
        }
        // Identity cards' codes start with I, A or C; a serif I blurred by the camera looks like T, L or 1.
        if (lines.Count == 3 || (lines.Count == 2 && lines[0].Length <= 40))
        {
            if (corrected[0].Length > 0 && corrected[0][0] is 'T' or 'L' or '1') corrected[0] = "I" + corrected[0][1..];
        }
        return corrected;
    }

    /// <summary>
    /// The same reading with every letter OCR makes of a filler (K, C, S, E, X, R, G) turned into '&lt;' in the
    /// optional-data fields, which are mostly empty. Check digits cover those fields, so they tell which is right.
    /// </summary>
    public static List<string> FillerOptionalData(List<string> lines)
    {
        var chars = lines.Select(l => l.ToCharArray()).ToList();
        void Fill(int line, int from, int to)
        {
            for (var i = from; i < to && i < chars[line].Length; i++)
            {
                if (chars[line][i] is 'K' or 'C' or 'S' or 'E' or 'X' or 'R' or 'G') chars[line][i] = '<';
            }
        }
        if (lines.Count == 3)
        {
            Fill(0, 15, 30);
            Fill(1, 18, 29);
        }
        else if (lines.Count == 2 && lines[1].Length == 44)
        {
            Fill(1, 28, 42);
        }
        else if (lines.Count == 2)
        {
            Fill(1, 28, 35);
        }
        return chars.Select(c => new string(c)).ToList();
    }
}
