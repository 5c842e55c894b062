using System.Diagnostics;

namespace Municipal.Form.Pdf;

/// <summary>
/// Prints HTML to PDF with headless Chromium (Pdf:Chromium, default /usr/bin/chromium): no AGPL or unserved PDF
/// library, and the page is laid out by the same engine residents use. One print at a time: on a small machine
/// two Chromiums starting together only slow each other down.
/// </summary>
public sealed class PdfPrinter(IConfiguration configuration, ILogger<PdfPrinter> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly string chromium = configuration["Pdf:Chromium"] ?? "/usr/bin/chromium";

    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("forms-pdf-");
        try
        {
            var page = Path.Combine(work.FullName, "submission.html");
            var pdf = Path.Combine(work.FullName, "submission.pdf");
            await File.WriteAllTextAsync(page, html, ct);

            await Gate.WaitAsync(ct);
            try
            {
                var start = new ProcessStartInfo(chromium)
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    ArgumentList =
                    {
                        "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                        // Its own profile, so prints never wait on another Chromium's profile lock.
                        $"--user-data-dir={Path.Combine(work.FullName, "profile")}",
                        $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
                    },
                };
                using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
                var stderr = process.StandardError.ReadToEndAsync(ct);
                _ = process.StandardOutput.ReadToEndAsync(ct);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException("Chromium did not finish printing within 60 seconds.");
                }
                if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
                {
                    logger.LogError("Chromium exited with {Code} without a PDF: {Error}", process.ExitCode, await stderr);
                    throw new InvalidOperationException("Chromium printed no PDF.");
                }
            }
            finally
            {
                Gate.Release();
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
