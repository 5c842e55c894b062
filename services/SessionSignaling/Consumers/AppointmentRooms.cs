using Microsoft.EntityFrameworkCore;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>The room an appointment's later events change (moved, links sent again, cancelled).</summary>
internal static class AppointmentRooms
{
    /// <summary>
    /// The appointment's room, tracked. Thrown when there is none yet, so the message is retried: it may have
    /// overtaken the AppointmentBooked that creates the room.
    /// </summary>
    public static async Task<Room> RoomOfAppointmentAsync(this SessionDb db, Guid appointmentId, CancellationToken ct) =>
        await db.Rooms.FirstOrDefaultAsync(r => r.AppointmentId == appointmentId, ct)
        ?? throw new InvalidOperationException($"No room yet for appointment {appointmentId}.");
}
