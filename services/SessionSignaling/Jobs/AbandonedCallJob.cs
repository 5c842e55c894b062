using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.ServiceDefaults.Jobs;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Jobs;

/// <summary>
/// Ends a call whose side went and did not come back within <see cref="CallOptions.AwayTimeout"/> (its page closed, its
/// connection lost for good): the call waited with an "end video" button for that page however late, camera and
/// microphone off on both sides. It ends as "end video" would — the room back to writing, the pages told (a mode
/// change with the reason "away") — and the chat goes on; the clerk may ask for video again.
/// </summary>
public sealed class AbandonedCallJob(
    IServiceScopeFactory scopes, RunningCalls calls, RoomNotifier notifier, IOptions<CallOptions> options, TimeProvider clock,
    ILogger<AbandonedCallJob> logger) : PollingJob(logger, clock)
{
    // A tenth of the wait, within a second and ten: a call ends at most that much after its time.
    protected override TimeSpan Interval =>
        TimeSpan.FromTicks(Math.Clamp(options.Value.AwayTimeout.Ticks / 10, TimeSpan.TicksPerSecond / 4, 10 * TimeSpan.TicksPerSecond));

    protected override int BatchSize => 100;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var overdue = await calls.OverdueAsync(Clock.GetUtcNow() - options.Value.AwayTimeout, BatchSize);
        if (overdue.Count == 0) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
        var ended = 0;
        foreach (var (roomId, side) in overdue)
        {
            if (!await calls.ClaimAsync(roomId, side)) continue;
            var stopped = await db.OnCurrentRoomAsync(async () =>
            {
                var room = await db.Rooms.FirstOrDefaultAsync(r => r.Id == roomId, ct);
                // Ended meanwhile (the other side's "end video", the room ended or handed on): nothing left to end.
                if (room is null || !room.IsOpen || room.Mode == RoomModes.Write) return false;
                room.UseMode(RoomModes.Write);
                await db.SaveChangesAsync(ct);
                return true;
            });
            db.ChangeTracker.Clear();
            if (!stopped) continue;
            await calls.BackAsync(roomId, ModeQuestions.Sides);
            await notifier.CallAbandonedAsync(roomId);
            ended++;
        }
        if (ended > 0) logger.LogInformation("Ended {Count} calls whose side did not come back within {Timeout}", ended, options.Value.AwayTimeout);
        return overdue.Count;
    }
}
