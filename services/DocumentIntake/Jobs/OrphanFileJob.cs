using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Data;
using Municipal.ServiceDefaults.Jobs;
using Municipal.DocumentIntake.Storage;

namespace Municipal.DocumentIntake.Jobs;

/// <summary>
/// Removes files that no document row stands for, older than <c>Documents:OrphanGraceMinutes</c>: leftovers in the
/// incoming folder and stored files whose submission never committed (the process died in between). Retention
/// goes by rows and would never find them.
/// </summary>
public sealed class OrphanFileJob(IServiceScopeFactory scopes, DocumentStorage storage, IOptions<DocumentOptions> options, TimeProvider clock, ILogger<OrphanFileJob> logger)
    : PollingJob(logger)
{
    private const int Chunk = 500;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.OrphanSweepMinutes);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddMinutes(-options.Value.OrphanGraceMinutes).UtcDateTime;
        var removed = 0;
        foreach (var path in storage.IncomingFiles().Where(p => File.GetLastWriteTimeUtc(p) < cutoff).ToList())
        {
            DocumentStorage.DeleteFile(path);
            removed++;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
        foreach (var batch in storage.StoredFiles().Where(f => File.GetLastWriteTimeUtc(f.Path) < cutoff).Chunk(Chunk))
        {
            var ids = batch.Select(f => f.Id).ToList();
            var known = (await db.Documents.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
            foreach (var (id, path) in batch.Where(f => !known.Contains(f.Id)))
            {
                DocumentStorage.DeleteFile(path);
                logger.LogWarning("Removed file {DocumentId}: no document row stands for it", id);
                removed++;
            }
        }
        return removed;
    }
}
