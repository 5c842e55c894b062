using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.DocumentIntake.Telemetry;
using Municipal.DocumentIntake.Storage;
using Municipal.DocumentIntake.Submissions;

namespace Municipal.DocumentIntake.Scanning;

/// <summary>
/// Documents received while clamd was down wait as "pending_scan". This service retries them: every failure
/// doubles a document's wait (up to <c>Documents:RescanMaxBackoffSeconds</c>), so a long outage costs little.
/// </summary>
public sealed class PendingScanService(IServiceScopeFactory scopes, IOptions<DocumentOptions> options, DocumentMetrics metrics, TimeProvider clock, ILogger<PendingScanService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RescanDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Rescanning pending documents failed; trying again later");
            }
            await Task.Delay(TimeSpan.FromSeconds(options.Value.RescanIntervalSeconds), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Scans every pending document that is due; returns how many left the pending state.</summary>
    public async Task<int> RescanDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
        var storage = scope.ServiceProvider.GetRequiredService<DocumentStorage>();
        var scanner = scope.ServiceProvider.GetRequiredService<ClamAvScanner>();
        var now = clock.GetUtcNow();
        var due = await db.Documents.Include(d => d.Submission)
            .Where(d => d.Status == DocumentStatus.PendingScan && (d.NextScanAt == null || d.NextScanAt <= now))
            .OrderBy(d => d.NextScanAt).Take(50).ToListAsync(ct);

        var finished = 0;
        foreach (var document in due)
        {
            ScanResult result;
            await using (var content = storage.OpenRead(document.Id)) result = await scanner.ScanAsync(content, ct);
            now = clock.GetUtcNow();
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
}
