namespace Municipal.IdentityVerification.Ocr;

/// <summary>
/// Puts a line as Tesseract read it onto the cells of the levelled band (<see cref="MrzBand.FillerCells"/>): where
/// a cell's shape is a filler chevron the line has '&lt;', elsewhere the character Tesseract read there. OCR-B's
/// chevron comes back from Tesseract's English model as K, C, S, X or E, sometimes as two characters ("&lt;K") or
/// merged into a name ("ANNACMARIA"); the names line has no check digit to catch that, the cells do. The alignment
/// is an edit distance: a chevron cell takes a '&lt;' freely and a look-alike cheaply, an extra look-alike costs
/// little to drop, anything else is expensive, so a reading that does not fit the cells is left as it was.
/// </summary>
public static class FillerAlignment
{
    private const string LookAlikes = "KCSXERG";

    /// <summary>The line fitted to <paramref name="cells"/> (true: filler), or null when it does not fit them.</summary>
    public static string? Fit(string line, bool[] cells)
    {
        var (n, m) = (line.Length, cells.Length);
        var cost = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= m; j++)
            {
                if (i == 0 && j == 0) continue;
                var best = int.MaxValue;
                if (i > 0 && j > 0) best = Math.Min(best, cost[i - 1, j - 1] + Match(line[i - 1], cells[j - 1]));
                if (i > 0) best = Math.Min(best, cost[i - 1, j] + Drop(line, i - 1));
                if (j > 0) best = Math.Min(best, cost[i, j - 1] + Missing(cells[j - 1]));
                cost[i, j] = best;
            }
        }
        // Two or more expensive edits: the cells and the reading disagree; the check digits judge the reading alone.
        if (cost[n, m] >= 2 * Expensive) return null;

        var result = new char[m];
        var (a, b) = (n, m);
        while (b > 0)
        {
            if (a > 0 && cost[a, b] == cost[a - 1, b - 1] + Match(line[a - 1], cells[b - 1]))
            {
                result[b - 1] = cells[b - 1] ? '<' : line[a - 1];
                (a, b) = (a - 1, b - 1);
            }
            else if (a > 0 && cost[a, b] == cost[a - 1, b] + Drop(line, a - 1))
            {
                a--;
            }
            else
            {
                // A letter cell Tesseract gave nothing for cannot be filled in.
                if (!cells[b - 1]) return null;
                result[b - 1] = '<';
                b--;
            }
        }
        return new string(result);
    }

    /// <summary>More than any number of cheap edits a line can hold: a look-alike or a swallowed filler is cheap.</summary>
    private const int Expensive = 100;

    private static int Match(char c, bool filler) =>
        filler ? c == '<' ? 0 : LookAlikes.Contains(c) ? 1 : Expensive
        : c == '<' ? Expensive : 0;

    /// <summary>
    /// A filler read once too often is cheap to drop; a look-alike only beside a filler (a chevron read as "&lt;K"):
    /// any letter fits any letter cell, so cheap letter drops elsewhere would let a name slide along the cells.
    /// </summary>
    private static int Drop(string line, int i) =>
        line[i] == '<' || LookAlikes.Contains(line[i]) && ((i > 0 && line[i - 1] == '<') || (i + 1 < line.Length && line[i + 1] == '<')) ? 1 : Expensive;

    // Tesseract often swallows fillers in a long run: a filler cell it gave nothing for costs nothing.
    private static int Missing(bool filler) => filler ? 0 : Expensive;
}
