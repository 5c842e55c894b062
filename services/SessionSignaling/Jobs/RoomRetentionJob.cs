using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Jobs;
using Municipal.SessionSignaling.Data;

namespace Municipal.SessionSignaling.Jobs;

/// <summary>
/// Rooms expire with their token; their personal data (name, e-mail, transcript, invitations) is deleted a
/// while later. Statistics live on in the SessionEnded and FeedbackGiven events, not here.
/// </summary>
public sealed class RoomRetentionJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<RoomRetentionJob> logger)
    : PollingJob(logger, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var keep = TimeSpan.FromDays(configuration.GetValue("Sessions:RetentionDays", 30));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
        var cutoff = Clock.GetUtcNow() - keep;
        var deleted = await db.Rooms.Where(r => r.ExpiresAt < cutoff).ExecuteDeleteAsync(ct);
        // A replaced link is remembered only until it would have expired.
        var now = Clock.GetUtcNow();
        await db.ReplacedRoomTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} expired rooms", deleted);
        return deleted;
    }
}
