using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Jobs;
using Municipal.SessionSignaling.Apis;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;
using Municipal.SessionSignaling.Telemetry;

namespace Municipal.SessionSignaling.Jobs;

/// <summary>
/// Ends a consultation a clerk took and never ended (the page closed, the clerk went home) once its link has expired:
/// nobody can enter it any more, yet it stayed "active" for good, its appointment "running" in booking (the resident's
/// manage link could neither move nor cancel it) and missing from the statistics. It ends as the clerk's "end" would,
/// at the time the link expired, with <see cref="SessionEnded"/> through the outbox. A room handed on and never taken
/// again ends the same way, in the name of the clerk who handed it on.
/// </summary>
public sealed class AbandonedRoomJob(IServiceScopeFactory scopes, RoomNotifier notifier, SessionMetrics metrics, TimeProvider clock,
    ILogger<AbandonedRoomJob> logger) : PollingJob(logger, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override int BatchSize => 100;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
        var now = Clock.GetUtcNow();
        var rooms = await db.Rooms
            .Where(r => r.ExpiresAt < now && (r.Status == RoomStatus.Active && r.StaffId != null
                || r.Status == RoomStatus.Waiting && r.FirstAcceptedAt != null && r.HandedOnBy != null))
            .OrderBy(r => r.ExpiresAt).Take(BatchSize).ToListAsync(ct);
        // As of the link's expiry (or the taking, should that have come later).
        var ended = rooms.Select(room => StaffRoomApi.Close(room, room.FirstAcceptedAt > room.ExpiresAt ? room.FirstAcceptedAt.Value : room.ExpiresAt)).ToList();
        foreach (var end in ended) db.Publish(end);
        // Two instances passing at once: the room's version (xmin) lets one of them end it; the other tries next turn.
        await db.SaveChangesAsync(ct);
        foreach (var (room, end) in rooms.Zip(ended))
        {
            metrics.Ended(room, end.HandlingTime);
            await notifier.CloseForAsync(room.Id, new RoomClosed("ended", null, null), _ => true);
        }
        if (rooms.Count > 0) logger.LogInformation("Ended {Count} consultations left open after their link expired", rooms.Count);
        return rooms.Count;
    }
}
