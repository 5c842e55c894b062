using Microsoft.EntityFrameworkCore;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>The room that an appointment's or a queue ticket's later events change (moved, links sent again, cancelled, left).</summary>
internal static class BookedRooms
{
    /// <summary>
    /// The appointment's room, tracked. Thrown when there is none yet, so the message is retried: it may have
    /// overtaken the AppointmentBooked that creates the room.
    /// </summary>
    public static async Task<Room> RoomOfAppointmentAsync(this SessionDb db, Guid appointmentId, CancellationToken ct) =>
        await db.Rooms.FirstOrDefaultAsync(r => r.AppointmentId == appointmentId, ct)
        ?? throw new InvalidOperationException($"No room yet for appointment {appointmentId}.");

    /// <summary>The ticket's room, tracked; thrown when there is none yet (the QueueTicketIssued may still be on its way).</summary>
    public static async Task<Room> RoomOfTicketAsync(this SessionDb db, Guid ticketId, CancellationToken ct) =>
        await db.Rooms.FirstOrDefaultAsync(r => r.TicketId == ticketId, ct)
        ?? throw new InvalidOperationException($"No room yet for queue ticket {ticketId}.");

    /// <summary>
    /// A room that will not take place: cancelled (saved with the consumer's message), everyone still connected told
    /// why and let out. A room already ended or cancelled stays as it is.
    /// </summary>
    public static async Task CancelAsync(this RoomNotifier notifier, Room room, string reason)
    {
        if (!room.IsOpen) return;
        room.Status = RoomStatus.Cancelled;
        await notifier.CloseForAsync(room.Id, new RoomClosed(reason, null, null), _ => true);
    }
}
