using Microsoft.EntityFrameworkCore;
using Municipal.SessionSignaling.Data;

namespace Municipal.SessionSignaling.Jobs;

/// <summary>
/// Rooms expire with their token; their personal data (name, e-mail, transcript, invitations) is deleted a
/// while later. Statistics live on in the SessionEnded and FeedbackGiven events, not here.
/// </summary>
public sealed class RoomRetentionJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<RoomRetentionJob> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var keep = TimeSpan.FromDays(configuration.GetValue("Sessions:RetentionDays", 30));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
                var cutoff = clock.GetUtcNow() - keep;
                var deleted = await db.Rooms.Where(r => r.ExpiresAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                if (deleted > 0) logger.LogInformation("Deleted {Count} expired rooms", deleted);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Room retention pass failed; retrying later");
            }
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
