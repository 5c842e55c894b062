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
    /// <summary>Opening a room is one <c>INSERT … ON CONFLICT DO NOTHING</c>: a second delivery finds the room and leaves it.</summary>
    protected override bool OneIdempotentStatement => true;

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
        // One statement, nothing tracked: every booking passes here (issue 18). A room the appointment or ticket has
        // already (the id, or its appointment or ticket, is known) is left as it is; the columns not named start empty
        // or at the table's defaults, as a new Room does.
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO rooms (id, appointment_id, ticket_id, concern_key, department_key, citizen_name, email, language, token_hash,
                               expires_at, scheduled_start, appointment_sequence, created_at, status, mode, channel)
            VALUES ({id}, {appointmentId}, {ticketId}, {concernKey}, {departmentKey}, {citizenName}, {email}, {language}, {tokenHash},
                    {expiresAt}, {scheduledStart}, 0, {createdAt}, {RoomStatus.Waiting}, {RoomModes.Write}, {RoomModes.ChatChannel})
            ON CONFLICT DO NOTHING
            """, ct);
    }
}
