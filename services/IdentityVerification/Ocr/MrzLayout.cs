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
        return chars.Select(c => new string(c)).ToList();
    }
}
