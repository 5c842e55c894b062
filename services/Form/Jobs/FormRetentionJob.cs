using Microsoft.EntityFrameworkCore;
using Municipal.Form.Consumers;
using Municipal.Form.Data;
using Municipal.Form.Model;
using Municipal.ServiceDefaults.Jobs;

namespace Municipal.Form.Jobs;

/// <summary>
/// Deletes what forms keeps of a resident only for a while:
/// <list type="bullet">
/// <item>a verified identity (surname, given names, birth date from the ID's MRZ), one day after it came
/// (<see cref="IdentityVerifiedConsumer.KeepFor"/>). It used to go only when the next verification arrived, so the last one
/// before a quiet weekend, or the last one ever, stayed;</item>
/// <item>a draft never submitted, <c>Forms:AbandonedDraftRetentionDays</c> (7) after its link expired, with its fields.</item>
/// </list>
/// A submitted form lives on as its dossier, under the department's rules.
/// </summary>
public sealed class FormRetentionJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<FormRetentionJob> logger)
    : PollingJob(logger, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var abandonedAfter = TimeSpan.FromDays(configuration.GetValue("Forms:AbandonedDraftRetentionDays", 7));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormDb>();
        var profiles = await db.ResidentProfiles.Where(p => p.ReceivedAt < now - IdentityVerifiedConsumer.KeepFor).ExecuteDeleteAsync(ct);
        var drafts = await db.Drafts.Where(d => d.Status == Draft.Open && d.ExpiresAt < now - abandonedAfter).ExecuteDeleteAsync(ct);
        if (profiles + drafts > 0) logger.LogInformation("Deleted {Profiles} verified identities and {Drafts} abandoned drafts", profiles, drafts);
        return profiles + drafts;
    }
}
