using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Rooms;

/// <summary>
/// Base of the consumers that open a room for what booking issued: an appointment (its join link) or a walk-in
/// ticket (the resident waits in it at once). Opening is the same for both and happens once per appointment or ticket.
/// </summary>
public abstract class BookedRoomConsumer<TMessage>(SessionDb db) : IdempotentConsumer<SessionDb, TMessage>(db) where TMessage : class
{
    /// <summary>
    /// Adds the room of an appointment (<paramref name="appointmentId"/>) or a ticket (<paramref name="ticketId"/>)
    /// unless it has one. The room's id is the appointment's or ticket's: services that learn residents' links from
    /// booking's events (documents, identity) know the room without asking.
    /// </summary>
    protected async Task OpenRoomAsync(Guid? appointmentId, Guid? ticketId, string concernKey, string departmentKey, string citizenName,
        string? email, string language, string tokenHash, DateTimeOffset expiresAt, DateTimeOffset? scheduledStart, DateTimeOffset createdAt,
        CancellationToken ct)
    {
        var id = appointmentId ?? ticketId ?? throw new ArgumentException("A room opens for an appointment or a ticket.");
        var exists = appointmentId is not null
            ? await Db.Rooms.AnyAsync(r => r.AppointmentId == appointmentId, ct)
            : await Db.Rooms.AnyAsync(r => r.TicketId == ticketId, ct);
        if (exists) return;
        Db.Rooms.Add(new Room
        {
            Id = id,
            AppointmentId = appointmentId,
            TicketId = ticketId,
            ConcernKey = concernKey,
            DepartmentKey = departmentKey,
            CitizenName = citizenName,
            Email = email,
            Language = language,
            TokenHash = tokenHash,
            ExpiresAt = expiresAt,
            ScheduledStart = scheduledStart,
            CreatedAt = createdAt,
        });
    }
}
