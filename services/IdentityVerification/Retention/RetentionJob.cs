using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.IdentityVerification.Data;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.IdentityVerification.Retention;

/// <summary>
/// Deletes stills older than <see cref="RetentionOptions.StillRetentionDays"/> and clears the names and birth
/// date of verifications left undecided, so nothing personal outlives its purpose. Runs at start and then on
/// a timer; time comes from <see cref="TimeProvider"/> so tests can move it.
/// </summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger)
    : PollingJob(logger, time)
{
    protected override TimeSpan Interval => options.Value.RetentionInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var (stills, pending) = await PurgeAsync(ct);
        return stills + pending;
    }

    public async Task<(int Stills, int Pending)> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = Clock.GetUtcNow();
        var stillCutoff = now.AddDays(-options.Value.StillRetentionDays);
        var pendingCutoff = now.AddHours(-options.Value.PendingDataHours);

        var stills = await db.Stills.Where(s => s.StoredAt < stillCutoff).ExecuteDeleteAsync(cancellationToken);
        var pending = await db.Verifications
            .Where(v => v.CreatedAt < pendingCutoff && (v.PendingSurname != null || v.PendingGivenNames != null || v.PendingBirthDate != null || v.PendingNationality != null || v.CitizenName != null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.PendingSurname, (string?)null)
                .SetProperty(v => v.PendingGivenNames, (string?)null)
                .SetProperty(v => v.PendingBirthDate, (DateOnly?)null)
                .SetProperty(v => v.PendingNationality, (string?)null)
                .SetProperty(v => v.CitizenName, (string?)null), cancellationToken);
        if (stills + pending > 0)
        {
            logger.LogInformation("Retention deleted {Stills} still(s) and cleared personal data of {Pending} verification(s).", stills, pending);
        }
        return (stills, pending);
    }
}
