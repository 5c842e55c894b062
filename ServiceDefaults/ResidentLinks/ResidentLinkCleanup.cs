using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>
/// Deletes links expired more than <see cref="ResidentLinkOptions.KeepExpiredDays"/> ago: the projection holds what
/// is still usable (and, in identity, a booking's e-mail address no longer than needed).
/// </summary>
public sealed class ResidentLinkCleanup(IServiceScopeFactory scopes, IOptions<ResidentLinkOptions> options, TimeProvider clock, ILogger<ResidentLinkCleanup> logger)
    : PollingJob(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override int BatchSize => 1000;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.KeepExpiredDays);
        var replaced = await db.Database.ExecuteSqlAsync(
            $"DELETE FROM replaced_resident_links WHERE token_hash IN (SELECT token_hash FROM replaced_resident_links WHERE expires_at < {cutoff} LIMIT {BatchSize})", ct);
        return replaced + await db.Database.ExecuteSqlAsync(
            $"DELETE FROM resident_links WHERE id IN (SELECT id FROM resident_links WHERE expires_at < {cutoff} LIMIT {BatchSize})", ct);
    }
}
