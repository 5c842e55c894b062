using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Rooms;
using Municipal.SessionSignaling.Telemetry;

namespace Municipal.SessionSignaling.Apis;

/// <summary>What the clerk's room actions need, bound as one <c>[AsParameters]</c> argument (as dotnet/eShop does).</summary>
public sealed record StaffRoomServices(
    SessionDb Db,
    RoomNotifier Notifier,
    SessionMetrics Metrics,
    TimeProvider Clock,
    StaffOnDuty Duty,
    IConfiguration Configuration);
