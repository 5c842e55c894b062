using Municipal.DocumentIntake.Kiosk;

namespace Municipal.DocumentIntake;

/// <summary>The <c>Documents</c> configuration section.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    public int MaxFiles { get; set; } = 20;

    /// <summary>Where files are stored, named by id. Relative paths are taken from the working directory.</summary>
    public string StoragePath { get; set; } = Path.Combine(".local", "documents");

    /// <summary>Days a document is kept, per department key; departments not listed keep theirs <see cref="DefaultRetentionDays"/>.</summary>
    public Dictionary<string, int> RetentionDays { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int DefaultRetentionDays { get; set; } = 90;

    /// <summary>clamd's StreamMaxLength: a longer file is not sent and counts as exceeding the limit (AlertExceedsMax).</summary>
    public long ScanMaxBytes { get; set; } = 200L * 1024 * 1024;

    public int ScanConnectTimeoutSeconds { get; set; } = 3;

    /// <summary>
    /// clamd reads the document storage at the same path (it runs on this host, or has the volume mounted where this
    /// service has it): a file is scanned by its path (clamd's <c>SCAN</c>) once it is stored, instead of being streamed
    /// to clamd while it arrives (<c>INSTREAM</c>), which makes clamd write a second copy first. Where clamd cannot read
    /// the file it answers with an error, and the file is streamed to it after all.
    /// </summary>
    public bool ScanStoredFile { get; set; }

    /// <summary>How often pending scans are retried; each failure doubles the wait up to <see cref="RescanMaxBackoffSeconds"/>.</summary>
    public int RescanIntervalSeconds { get; set; } = 15;

    public int RescanMaxBackoffSeconds { get; set; } = 300;

    public int RetentionSweepMinutes { get; set; } = 60;

    /// <summary>How often files without a row (a crash between placing a file and committing its row) are looked for.</summary>
    public int OrphanSweepMinutes { get; set; } = 60;

    /// <summary>A file younger than this is never taken for an orphan: its upload may still be under way.</summary>
    public int OrphanGraceMinutes { get; set; } = 120;

    public KioskQuotas Kiosk { get; set; } = new();

    /// <summary>
    /// What one resident's link may hand in altogether (all its uploads): a booking is anonymous, so without it one
    /// link could fill the disk, twenty 100 MB files a request.
    /// </summary>
    public long MaxBytesPerLink { get; set; } = 500L * 1024 * 1024;

    /// <summary>
    /// What a refused upload counts at least against the link's allowance and the kiosk's hourly bytes: each one costs
    /// a read, a scan by clamd and a row whatever its size, so one link sends at most MaxBytesPerLink / 1 MB of them.
    /// </summary>
    public long RefusedUploadMinimumBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The most pixels an image (a TIFF's page) may state: a browser holds four bytes per pixel, and a few hundred bytes of
    /// PNG can state 20000×20000. 100 megapixels is an A3 page scanned at 600 dpi with room to spare.
    /// </summary>
    public long MaxImagePixels { get; set; } = 100_000_000;

    public int RetentionDaysFor(string departmentKey) =>
        RetentionDays.TryGetValue(departmentKey, out var days) ? days : DefaultRetentionDays;

    /// <summary>A whole request may carry every file at its limit plus the form fields around them.</summary>
    public long MaxRequestBytes => MaxFileBytes * MaxFiles + 1024 * 1024;
}
