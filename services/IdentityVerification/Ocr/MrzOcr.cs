using System.Diagnostics;
using System.Text.RegularExpressions;
using Municipal.IdentityVerification.Mrz;
using Municipal.ServiceDefaults.Media;
using OpenCvSharp;

namespace Municipal.IdentityVerification.Ocr;

/// <summary>
/// Pre-fills the MRZ from a still of the resident's video. OpenCV finds the MRZ band, turns it level and
/// binarises it; the Tesseract command line (Debian's tesseract-ocr) reads it, limited to the MRZ alphabet; the
/// check digits choose among the readings of a few small extra rotations. The result is only a suggestion the
/// clerk reviews; every failure yields null, never an error.
/// </summary>
public sealed partial class MrzOcr(IConfiguration configuration, ILogger<MrzOcr> logger)
{
    private static readonly int[] LineLengths = [30, 36, 44];

    /// <summary>The measured tilt first, then small corrections: a blurred band's tilt is measured to about a degree.</summary>
    private static readonly double[] ExtraRotations = [0, 0.8, -0.8, 1.6, -1.6];

    private readonly string executable = configuration["Identity:TesseractPath"] ?? "tesseract";
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(configuration.GetValue("Identity:OcrTimeoutSeconds", 20));

    /// <summary>
    /// The most pixels a still may say it has to be read: a 4K camera's frame has 8.3 million, the ID check's Full HD 2.1.
    /// </summary>
    public const long MaxPixels = 25_000_000;

    public async Task<string?> ReadAsync(byte[] image, CancellationToken cancellationToken)
    {
        // Decoding allocates what the header says before a pixel is read (a still of 875 kB said 30 000 × 30 000).
        if (ImageHeader.Read(image) is not { Pixels: <= MaxPixels })
        {
            logger.LogWarning("A still saying it has {Pixels} pixels was not read (at most {Max}).", ImageHeader.Read(image)?.Pixels, MaxPixels);
            return null;
        }
        try
        {
            using var gray = Cv2.ImDecode(image, ImreadModes.Grayscale);
            if (gray.Empty()) return null;
            var best = (Score: 0, Text: (string?)null);
            // The clerk waits for this: past the time limit the best reading so far is the answer.
            var clock = Stopwatch.StartNew();
            // The binarised band at each rotation first; then, Tesseract's model having been trained on grey text,
            // the enlarged band as it is, which keeps some blurred characters the threshold merged.
            foreach (var binarise in new[] { true, false })
            {
                foreach (var band in MrzBand.Find(gray))
                {
                    foreach (var extra in ExtraRotations)
                    {
                        if (clock.Elapsed > timeout) return best.Text;
                        using var level = band.Level(gray, extra);
                        using var picture = binarise ? null : band.Level(gray, extra, binarise: false);
                        var shapes = new Dictionary<int, bool[][]?>();
                        var reading = Best(await RunAsync(picture ?? level, cancellationToken),
                            (lines, length) => shapes.TryGetValue(length, out var known) ? known : shapes[length] = MrzBand.FillerCells(level, lines, length));
                        if (reading.Score > best.Score) best = (reading.Score, reading.Text);
                        if (reading.Complete) return reading.Text;
                    }
                }
            }
            // No band found (or none read): the whole still, as a clean scan is read without help.
            if (best.Text is not null && clock.Elapsed > timeout) return best.Text;
            var whole = Best(await RunAsync(gray, cancellationToken));
            if (whole.Score > best.Score) best = (whole.Score, whole.Text);
            return best.Text;
        }
        catch (Exception ex) when (ex is IOException or System.ComponentModel.Win32Exception or InvalidOperationException or OpenCVException)
        {
            logger.LogWarning(ex, "OCR of the still failed.");
            return null;
        }
    }

    /// <summary>The best MRZ among the recognised lines (see <see cref="Candidates"/>), or null when there is none.</summary>
    public static string? Extract(string text) => Best(text).Text;

    /// <summary>
    /// Every MRZ the recognised lines may hold: three lines of about 30 or two of about 36 or 44, with Tesseract's
    /// habits undone (filler read as C or K, trailing fillers swallowed, O for 0 where the layout wants a digit).
    /// </summary>
    public static IEnumerable<string> Candidates(string text, Func<int, int, bool[][]?>? fillerShapes = null)
    {
        var lines = text.Split('\n')
            .Select(Normalise)
            // A names line whose trailing fillers Tesseract swallowed may be short; it still ends in a filler.
            .Where(l => (l.Length >= 26 || (l.Length >= 15 && l.EndsWith('<'))) && MrzAlphabet().IsMatch(l))
            .ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var count in new[] { 3, 2 })
            {
                if (i + count > lines.Count) continue;
                var candidate = lines.GetRange(i, count);
                var length = count == 3 ? 30 : Closest(candidate.Max(l => l.Length));
                if (Math.Abs(candidate.Max(l => l.Length) - length) > 2 || (count == 2 && length == 30)) continue;
                // Tesseract tends to swallow runs of trailing fillers: a line that ends in one may be short.
                if (candidate.All(l => Math.Abs(l.Length - length) <= 2 || (l.EndsWith('<') && l.Length >= length / 2))
                    && candidate.Any(l => l.Contains('<')))
                {
                    // Restoring or trimming fillers at the end is safe: the check digits decide, here and between
                    // the reading as it is and the one whose optional data holds only filler.
                    var fitted = candidate.Select(l => Fit(l, length)).ToList();
                    // Where the image shows a chevron and Tesseract a letter, the chevron is tried first: the line as
                    // read is laid onto the band's cells, so a chevron read as two letters or merged into a name is
                    // undone too (the names line has no check digit to catch it).
                    if (fillerShapes?.Invoke(count, length) is { } shapes)
                    {
                        var shaped = candidate.Select((l, n) => FillerAlignment.Fit(l, shapes[n]) ?? fitted[n]).ToList();
                        yield return string.Join('\n', MrzLayout.Correct(shaped));
                    }
                    var corrected = MrzLayout.Correct(fitted);
                    yield return string.Join('\n', corrected);
                    yield return string.Join('\n', MrzLayout.FillerOptionalData(corrected));
                }
            }
        }
    }

    private static (int Score, string? Text, bool Complete) Best(string? text, Func<int, int, bool[][]?>? fillerShapes = null)
    {
        if (text is null) return (0, null, false);
        var best = (Score: 0, Text: (string?)null, Complete: false);
        foreach (var candidate in Candidates(text, fillerShapes))
        {
            var document = MrzParser.Parse(candidate, DateOnly.MinValue).Document;
            if (document is null) continue;
            // Each holding check digit is strong evidence; a reading none of them confirms is no suggestion.
            var valid = document.Checks.Count(c => c.Valid);
            var score = valid == 0 ? 0 : 10 * valid - document.Findings.Count + 1;
            var complete = valid == document.Checks.Count && document.Findings.Count == 0;
            var reading = candidate;
            if (!complete && document.Findings.Count == 0 && document.Checks.Where(c => !c.Valid).All(c => c.Field is "documentNumber" or "composite")
                && !document.Checks.Single(c => c.Field == "documentNumber").Valid && NumberRepair(candidate) is { } repaired)
            {
                // One look-alike in the document number (L read as 1, O as 0): both its digit and the composite digit
                // must then hold. Ranked below a reading that needs no repair.
                (reading, score, complete) = (repaired, 10 * document.Checks.Count - 1, false);
            }
            if (!complete && valid == document.Checks.Count - 1 && document.Findings.Count == 0 && OptionalDataEmptyOrChecked(candidate)
                && document.Checks.Single(c => !c.Valid) is { Field: "composite" } composite)
            {
                // Every field the composite digit covers is confirmed by its own digit, so only the composite digit
                // itself can be misread (blur makes 0 into 8 or 9). Ranked below a reading that needs no repair.
                var lines = candidate.Split('\n');
                lines[1] = lines[1][..^1] + (char)('0' + composite.Computed);
                (reading, score) = (string.Join('\n', lines), score + 9);
            }
            if (score > best.Score) best = (score, reading, complete);
        }
        return best;
    }

    private static readonly Dictionary<char, string> LookAlikes = new()
    {
        ['1'] = "LI", ['L'] = "1I", ['I'] = "1L", ['0'] = "OD", ['O'] = "0D", ['D'] = "0O", ['5'] = "S", ['S'] = "5",
        ['8'] = "B", ['B'] = "8", ['2'] = "Z", ['Z'] = "2", ['6'] = "G", ['G'] = "6",
    };

    /// <summary>The reading with one character of the document number swapped for its look-alike, if that makes every check hold.</summary>
    private static string? NumberRepair(string mrz)
    {
        var lines = mrz.Split('\n');
        var (line, from) = lines.Length == 3 ? (0, 5) : (1, 0);
        for (var i = from; i < from + 9; i++)
        {
            foreach (var other in LookAlikes.GetValueOrDefault(lines[line][i], ""))
            {
                var copy = (string[])lines.Clone();
                copy[line] = copy[line][..i] + other + copy[line][(i + 1)..];
                var variant = string.Join('\n', copy);
                if (MrzParser.Parse(variant, DateOnly.MinValue).Document is { } d && d.Checks.All(c => c.Valid) && d.Findings.Count == 0) return variant;
            }
        }
        return null;
    }

    /// <summary>Optional data has no check digit of its own on TD1 and TD2; the passport's personal number has.</summary>
    private static bool OptionalDataEmptyOrChecked(string mrz)
    {
        var lines = mrz.Split('\n');
        return lines.Length == 3
            ? lines[0][15..].All(c => c == '<') && lines[1][18..29].All(c => c == '<')
            : lines[1].Length == 44 || lines[1][28..35].All(c => c == '<');
    }

    private static string Normalise(string line)
    {
        var text = Spaces().Replace(line.ToUpperInvariant(), "").Replace("«", "<<").Replace("‹", "<");
        // OCR-B's filler comes back from Tesseract's English model as K or C. A run of fillers and such letters
        // that holds three of them in a row is filler: no name or number has KKK, CKC … (BECK<< stays BECK<<).
        return FillerRun().Replace(text, m => ThreeLookAlikes().IsMatch(m.Value) ? new string('<', m.Length) : m.Value);
    }

    private static string Fit(string line, int length)
    {
        if (line.Length < length) return line.PadRight(length, '<');
        if (line.Length == length) return line;
        // One or two fillers too many in a long run: take them from the longest run, where they were read twice.
        var run = FillerRuns().Matches(line).MaxBy(m => m.Length);
        var surplus = line.Length - length;
        return run is null || run.Length <= surplus ? line[..length] : line.Remove(run.Index, surplus);
    }

    private static int Closest(int length) => LineLengths.MinBy(l => Math.Abs(l - length));

    private async Task<string?> RunAsync(Mat image, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mrz-{Guid.NewGuid():N}.png");
        try
        {
            Cv2.ImWrite(file, image);
            return await RunAsync(file, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<string?> RunAsync(string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // One thread: on a busy two-core host, OpenMP's threads only contend with each other.
            Environment = { ["OMP_THREAD_LIMIT"] = "1" },
        };
        foreach (var argument in new[] { file, "stdout", "-l", "eng", "--psm", "6", "-c", "tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tesseract did not start.");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            _ = process.StandardError.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
            return process.ExitCode == 0 ? await output : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            logger.LogWarning("tesseract took longer than {Timeout}.", timeout);
            return null;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^[A-Z0-9<]+$")]
    private static partial Regex MrzAlphabet();

    [GeneratedRegex("[<KC]{3,}")]
    private static partial Regex FillerRun();

    [GeneratedRegex("[KC]{3}")]
    private static partial Regex ThreeLookAlikes();

    [GeneratedRegex("<{2,}")]
    private static partial Regex FillerRuns();
}
