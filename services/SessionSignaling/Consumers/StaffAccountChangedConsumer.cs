using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Sessions;
using Municipal.Contracts.Staff;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>
/// Learns the city's departments from the staff accounts, so a transfer names one that exists. A department stays
/// known when an account leaves it: rooms may still be on their way there.
/// </summary>
/// <remarks>
/// A clerk whose account is disabled, or who no longer works in a room's department, no longer holds that room: it
/// goes back to its department's waiting rooms, and the clerk's live connections are let out of it. The hub checks
/// who someone is only when their connection opens, so a disabled clerk's open page kept chatting with the resident
/// (an outside probe: 131 s after the account was disabled, and it would have gone on as long as the page stayed open).
/// </remarks>
public sealed class StaffAccountChangedConsumer(SessionDb db, RoomNotifier notifier, RoomPresence presence, TimeProvider clock)
    : IdempotentConsumer<SessionDb, StaffAccountChanged>(db)
{
    protected override async Task Handle(StaffAccountChanged message, ConsumeContext<StaffAccountChanged> context)
    {
        foreach (var department in message.Departments.Where(d => !string.IsNullOrWhiteSpace(d)).Distinct())
        {
            await Db.Database.ExecuteSqlAsync($"INSERT INTO known_departments (key) VALUES ({department}) ON CONFLICT DO NOTHING", context.CancellationToken);
        }

        var admin = message.Roles.Contains(StaffRoles.Admin);
        var held = await Db.Rooms
            .Where(r => r.StaffId == message.StaffId && (r.Status == RoomStatus.Waiting || r.Status == RoomStatus.Active))
            .ToListAsync(context.CancellationToken);
        foreach (var room in held.Where(r => !message.Active || !admin && !message.Departments.Contains(r.DepartmentKey)))
        {
            var released = new Sender(ParticipantRoles.Clerk, room.StaffName ?? "");
            var callEnded = room.Release();
            room.TransferToStaffId = null;
            Db.Publish(new SessionTransferred(room.Id, message.StaffId, null, room.DepartmentKey, clock.GetUtcNow()));
            await notifier.CloseForAsync(room.Id, new RoomClosed("released", null, room.DepartmentKey), p => p.StaffId == message.StaffId, released);
            if (callEnded) await notifier.CallEndedAsync(room.Id, released);
        }
        await LetOutSupervisorAsync(message, admin, context.CancellationToken);
    }

    /// <summary>
    /// A supervisor who joined a colleague's consultation holds nothing in it: disabled, no longer a supervisor or no
    /// longer of the room's department, her open page went on reading and writing in the chat (probe 5). She is let out
    /// of each room she joined that she may no longer step into, and her page says why.
    /// </summary>
    private async Task LetOutSupervisorAsync(StaffAccountChanged message, bool admin, CancellationToken ct)
    {
        var lead = admin || message.Roles.Contains(StaffRoles.Supervisor);
        foreach (var roomId in await presence.SupervisedByAsync(message.StaffId))
        {
            var department = await Db.Rooms.Where(r => r.Id == roomId).Select(r => r.DepartmentKey).FirstOrDefaultAsync(ct);
            if (department is not null && message.Active && lead && (admin || message.Departments.Contains(department))) continue;
            await notifier.CloseForAsync(roomId, new RoomClosed(SupervisionEnded, null, null),
                p => p.StaffId == message.StaffId && p.Role == ParticipantRoles.Supervisor);
            await presence.ForgetSupervisingAsync(message.StaffId, roomId);
        }
    }

    /// <summary>Why a supervisor's page was let out: her account changed.</summary>
    public const string SupervisionEnded = "supervision-ended";
}
