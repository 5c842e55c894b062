using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.DocumentIntake.Telemetry;
using Municipal.DocumentIntake.Storage;
using Municipal.DocumentIntake.Scanning;
using Municipal.DocumentIntake.Submissions;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.DocumentIntake.Jobs;

/// <summary>
/// Documents received while clamd was down wait as "pending_scan". This service retries them: every failure
/// doubles a document's wait (up to <c>Documents:RescanMaxBackoffSeconds</c>), so a long outage costs little.
/// </summary>
public sealed class PendingScanJob(IServiceScopeFactory scopes, IOptions<DocumentOptions> options, DocumentMetrics metrics, TimeProvider clock, ILogger<PendingScanJob> logger)
    : PollingJob(logger, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.RescanIntervalSeconds);

    public override Task<int> RunOnceAsync(CancellationToken ct) => RescanDueAsync(ct);

    /// <summary>Scans every pending document that is due; returns how many left the pending state.</summary>
    public async Task<int> RescanDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
        var storage = scope.ServiceProvider.GetRequiredService<DocumentStorage>();
        var scanner = scope.ServiceProvider.GetRequiredService<ClamAvScanner>();
        var now = Clock.GetUtcNow();
        var due = await db.Documents.Include(d => d.Submission)
            .Where(d => d.Status == DocumentStatus.PendingScan && (d.NextScanAt == null || d.NextScanAt <= now))
            .OrderBy(d => d.NextScanAt).Take(50).ToListAsync(ct);

        var finished = 0;
        foreach (var document in due)
        {
            var result = await ScanAsync(storage, scanner, document, ct);
            now = Clock.GetUtcNow();
            if (result.Outcome == ScanOutcome.Unavailable)
            {
                document.ScanAttempts++;
                var wait = Math.Min(options.Value.RescanMaxBackoffSeconds, options.Value.RescanIntervalSeconds * Math.Pow(2, Math.Min(document.ScanAttempts, 16)));
                document.NextScanAt = now.AddSeconds(wait);
                await db.SaveChangesAsync(ct);
                // clamd is down for everyone: the rest would fail the same way.
                break;
            }
            DocumentEvents.ApplyScan(db, document, document.Submission!, result, now, metrics);
            await db.SaveChangesAsync(ct);
            finished++;
        }
        return finished;
    }

    /// <summary>
    /// As an upload is scanned: where clamd reads the storage (<c>Documents:ScanStoredFile</c>) it is sent the stored
    /// file's path, so it makes no copy of its own; a clamd that cannot read it is sent the file after all.
    /// </summary>
    private async Task<ScanResult> ScanAsync(DocumentStorage storage, ClamAvScanner scanner, Document document, CancellationToken ct)
    {
        if (options.Value.ScanStoredFile)
        {
            var byPath = await scanner.ScanFileAsync(storage.PathFor(document.Id), document.Length, ct);
            if (byPath.Outcome != ScanOutcome.Unavailable) return byPath;
        }
        await using var content = storage.OpenRead(document.Id);
        return await scanner.ScanAsync(content, ct);
    }
}
