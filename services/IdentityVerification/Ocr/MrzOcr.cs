using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Municipal.IdentityVerification.Ocr;

/// <summary>
/// Pre-fills the MRZ from a still with the Tesseract command line (Debian's tesseract-ocr), limited to the
/// MRZ alphabet. The result is only a suggestion the clerk reviews; every failure yields null, never an error.
/// </summary>
public sealed partial class MrzOcr(IConfiguration configuration, ILogger<MrzOcr> logger)
{
    private static readonly int[] LineLengths = [30, 36, 44];
    private readonly string executable = configuration["Identity:TesseractPath"] ?? "tesseract";
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(configuration.GetValue("Identity:OcrTimeoutSeconds", 20));

    public async Task<string?> ReadAsync(byte[] image, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mrz-{Guid.NewGuid():N}.jpg");
        try
        {
            await File.WriteAllBytesAsync(file, image, cancellationToken);
            var text = await RunAsync(file, cancellationToken);
            return text is null ? null : Extract(text);
        }
        catch (Exception ex) when (ex is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            logger.LogWarning(ex, "OCR of the still failed.");
            return null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Finds the MRZ among the recognised lines: three lines of about 30 or two of about 36 or 44.</summary>
    public static string? Extract(string text)
    {
        var lines = text.Split('\n')
            .Select(l => Spaces().Replace(l.ToUpperInvariant(), ""))
            .Where(l => l.Length >= 26 && l.Contains('<') && MrzAlphabet().IsMatch(l))
            .ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var (length, count) in new[] { (30, 3), (44, 2), (36, 2) })
            {
                if (i + count > lines.Count) continue;
                var candidate = lines.Skip(i).Take(count).ToList();
                if (candidate.All(l => Math.Abs(l.Length - length) <= 2 && Closest(l.Length) == length))
                {
                    // Tesseract tends to swallow trailing fillers; restoring them is safe, the check digits decide.
                    return string.Join('\n', MrzLayout.Correct(candidate.Select(l => l.Length < length ? l.PadRight(length, '<') : l).ToList()));
                }
            }
        }
        return null;
    }

    private static int Closest(int length) => LineLengths.MinBy(l => Math.Abs(l - length));

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
}
