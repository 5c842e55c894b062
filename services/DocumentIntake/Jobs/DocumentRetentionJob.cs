using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Kiosk;
using Municipal.DocumentIntake.Model;
using Municipal.DocumentIntake.Storage;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.DocumentIntake.Jobs;

/// <summary>
/// Deletes documents whose department's retention period (<c>Documents:RetentionDays:&lt;department&gt;</c>, default
/// <c>Documents:DefaultRetentionDays</c>) has passed: the file goes, the row stays as a record that it existed. And
/// forgets the refused uploads no allowance or quota counts any more (<see cref="ForgetRefusedUploadsAsync"/>).
/// </summary>
public sealed class DocumentRetentionJob(IServiceScopeFactory scopes, IOptions<DocumentOptions> options, TimeProvider clock, ILogger<DocumentRetentionJob> logger)
    : PollingJob(logger, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.RetentionSweepMinutes);

    public override Task<int> RunOnceAsync(CancellationToken ct) => SweepAsync(Clock.GetUtcNow(), ct);

    /// <summary>Deletes what is due at <paramref name="now"/>; returns how many documents were deleted.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
        var storage = scope.ServiceProvider.GetRequiredService<DocumentStorage>();
        var forgotten = await ForgetRefusedUploadsAsync(db, now, ct);
        if (forgotten > 0) logger.LogInformation("Retention forgot {Count} refused upload(s)", forgotten);
        var departments = await db.Documents.Where(d => d.DeletedAt == null).Select(d => d.DepartmentKey).Distinct().ToListAsync(ct);
        var deleted = 0;
        foreach (var department in departments)
        {
            var cutoff = now.AddDays(-options.Value.RetentionDaysFor(department));
            var due = await db.Documents.Where(d => d.DepartmentKey == department && d.DeletedAt == null && d.ReceivedAt < cutoff).ToListAsync(ct);
            foreach (var document in due)
            {
                Delete(storage, document, now);
                deleted++;
            }
            await db.SaveChangesAsync(ct);
        }
        if (deleted > 0) logger.LogInformation("Retention deleted {Count} document(s)", deleted);
        return deleted;
    }

    /// <summary>
    /// Deletes the refused uploads nothing counts any more: a link's once the link is no longer valid (expired or cleaned
    /// away; a move or the links sent again keep the link, and its allowance, under a new token);
    /// a kiosk's once they are older than the hour its quotas count (<see cref="KioskDevices.QuotaWindow"/>).
    /// </summary>
    public static Task<int> ForgetRefusedUploadsAsync(DocumentDb db, DateTimeOffset now, CancellationToken ct)
    {
        var kioskCutoff = now - KioskDevices.QuotaWindow;
        return db.Database.ExecuteSqlAsync($"""
            DELETE FROM refused_uploads r
            WHERE (r.kiosk_device_id IS NOT NULL AND r.created_at <= {kioskCutoff})
               OR (r.resident_link_id IS NOT NULL AND NOT EXISTS (
                   SELECT 1 FROM resident_links l WHERE l.id = r.resident_link_id AND l.expires_at > {now}))
               OR (r.resident_link_id IS NULL AND r.kiosk_device_id IS NULL)
            """, ct);
    }

    public static void Delete(DocumentStorage storage, Document document, DateTimeOffset now)
    {
        storage.Delete(document.Id);
        document.Status = DocumentStatus.Deleted;
        document.DeletedAt = now;
        document.NextScanAt = null;
    }
}
